/**
 * The Biolink community's own validator on our export: `kgx validate` (kgx from PyPI, run offline by
 * scripts/kgx/validate.py against the biolink-model wheel's YAML) on `exportKgx` of the seeded graph.
 * Needs KGX_PYTHON (a Python with scripts/kgx/requirements.txt installed) and BIOLINK_MODEL_YAML;
 * .ci/run provides both. Without them the test says why it is skipped.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Database } from '../../../src/db';
import { KGX_ID_PREFIXES, KGX_PREFIX } from '../../../src/domain/model';
import { exportKgx } from '../../../src/ingest/import-kgx';
import type { KgxFile } from '../../../src/ingest/kgx';
import { curate, restoreSeed } from '../../helpers/curate';
import { ensureSeeded, openTestDatabase } from '../../helpers/seeded-graph';

jest.setTimeout(300_000);

const python = process.env.KGX_PYTHON;
const biolinkYaml = process.env.BIOLINK_MODEL_YAML;
const missing = [
  !python || !fs.existsSync(python) ? 'KGX_PYTHON (a Python with scripts/kgx/requirements.txt)' : '',
  !biolinkYaml || !fs.existsSync(biolinkYaml) ? 'BIOLINK_MODEL_YAML' : '',
].filter(Boolean);
if (missing.length > 0) console.log(`kgx validate test skipped: ${missing.join(' and ')} not set (.ci/run installs kgx and sets both)`);
const describeIfValidator = missing.length === 0 ? describe : describe.skip;

/** kgx's report: level -> error type -> message -> the records (node id, or "subject->object"). */
type Report = Record<string, Record<string, Record<string, string[]>>>;

let db: Database;
let dir: string;

beforeAll(async () => {
  db = openTestDatabase();
  await ensureSeeded(db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgx-validate-'));
});

afterAll(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describeIfValidator('kgx validate on the export', () => {
  let file: KgxFile;
  let report: Report;
  let status: number;

  beforeAll(async () => {
    const text = await exportKgx(db);
    file = JSON.parse(text) as KgxFile;
    const input = path.join(dir, 'graph.kgx.json');
    const out = path.join(dir, 'report.json');
    fs.writeFileSync(input, text);
    const script = path.join(__dirname, '../../../scripts/kgx/validate.py');
    status = await promisify(execFile)(python as string, [script, '--biolink-yaml', biolinkYaml as string, '--report', out, input], { maxBuffer: 64 * 1024 * 1024 }).then(
      () => 0,
      (error: { code?: number }) => error.code ?? -1,
    );
    report = JSON.parse(fs.readFileSync(out, 'utf8') || '{}') as Report;
  });

  it('reports no error but the project prefix of the entities that have no registered id', () => {
    const messages = Object.entries(report.ERROR ?? {}).flatMap(([type, byMessage]) => Object.keys(byMessage).map((message) => `${type}: ${message}`));
    const other = messages.filter((message) => !message.includes(`with a CURIE prefix '${KGX_PREFIX.slice(0, -1)}'`));
    expect(other).toEqual([]);
    // It did run, and found what it should: the remaining project-prefix ids (listed in the README).
    expect(status).toBe(messages.length > 0 ? 1 : 0);
  });

  it('exports every entity with a registered xref under it, and only the others under the project prefix', () => {
    const byProject = new Map(file.nodes.map((node) => [node.xref?.find((x) => x.startsWith(KGX_PREFIX)) ?? node.id, node]));
    expect(byProject.get(`${KGX_PREFIX}als`)?.id).toBe('MONDO:0004976');
    expect(byProject.get(`${KGX_PREFIX}fasciculations`)?.id).toBe('HP:0002380');
    const kindOf = (category: string) => Object.entries({ 'biolink:Disease': 'Condition', 'biolink:PhenotypicFeature': 'Symptom', 'biolink:Publication': 'Source', 'biolink:AnatomicalEntity': 'BodyRegion' }).find(([c]) => c === category)?.[1];
    for (const node of file.nodes.filter((n) => n.id.startsWith(KGX_PREFIX))) {
      const prefixes = KGX_ID_PREFIXES[kindOf(node.category[0] ?? '') ?? ''] ?? [];
      expect({ id: node.id, registered: (node.xref ?? []).filter((x) => prefixes.some((p) => x.startsWith(`${p}:`))) }).toEqual({ id: node.id, registered: [] });
    }
  });

  it('flags exactly the project-prefixed ids, and counts the records that pass (the figure in the README)', () => {
    // kgx lists only some of the records per message, so the flagged ids are read from the messages.
    const flagged = new Set(
      Object.values(report.ERROR ?? {}).flatMap((byMessage) => Object.keys(byMessage).flatMap((message) => [...message.matchAll(/has a value '([^']+)'/g)].map((m) => m[1] as string))),
    );
    const projectPrefixed = file.nodes.filter((node) => node.id.startsWith(KGX_PREFIX)).map((node) => node.id);
    expect([...flagged].sort()).toEqual([...projectPrefixed].sort());
    const nodesPassing = file.nodes.filter((node) => !flagged.has(node.id)).length;
    const edgesPassing = file.edges.filter((edge) => !flagged.has(edge.subject) && !flagged.has(edge.object)).length;
    console.log(`kgx validate: ${nodesPassing} of ${file.nodes.length} nodes and ${edgesPassing} of ${file.edges.length} edges pass; ${projectPrefixed.length} nodes keep the project prefix`);
    expect(nodesPassing).toBeGreaterThanOrEqual(10);
    expect(edgesPassing).toBeGreaterThan(0);
  });

  it('writes single values for the single-valued Biolink slots and only exact quotes as supporting_text', () => {
    for (const node of file.nodes) {
      for (const key of ['knowledge_level', 'agent_type', 'publisher'] as const) expect({ id: node.id, key, list: Array.isArray(node[key]) }).toEqual({ id: node.id, key, list: false });
    }
    const article = file.nodes.find((node) => node.xref?.includes(`${KGX_PREFIX}article`) || node.id === `${KGX_PREFIX}article`)?.text as string;
    expect(article.length).toBeGreaterThan(1000);
    for (const edge of file.edges) for (const quote of edge.supporting_text ?? []) if (quote !== '') expect({ quote, found: article.includes(quote) }).toEqual({ quote, found: true });
  });
});

describeIfValidator('kgx validate on the export of a curated graph', () => {
  let report: Report;

  beforeAll(async () => {
    const text = 'Cold showers made the twitching worse in most participants.';
    try {
      await curate(db, { operation: 'CREATE_SOURCE', node: { id: 'kgxv-cold-study', kind: 'Source', name: 'Cold study', title: 'Cold study', year: 2025, aliases: [], xrefs: [], owner: 'curation', text } });
      await curate(db, { operation: 'CREATE_ENTITY', node: { id: 'kgxv-curated-condition', kind: 'Condition', name: 'A curated condition', aliases: [], xrefs: [], owner: 'curation' } });
      const evidence = { source: 'kgxv-cold-study', quote: text, knowledgeLevel: 'observation', agentType: 'manual_agent', owner: 'curation', curation: 'alice[2026-12-04]' } as const;
      await curate(db, { operation: 'ASSERT_RELATIONSHIP', edge: { type: 'HAS_SYMPTOM', subject: 'kgxv-curated-condition', object: 'fasciculations', owner: 'curation', evidence: [evidence] } });
      await curate(db, { operation: 'UPDATE_ENTITY', id: 'als', version: 1, set: { description: 'Curated description.' } });
      const input = path.join(dir, 'curated.kgx.json');
      const out = path.join(dir, 'curated-report.json');
      fs.writeFileSync(input, await exportKgx(db));
      const script = path.join(__dirname, '../../../scripts/kgx/validate.py');
      await promisify(execFile)(python as string, [script, '--biolink-yaml', biolinkYaml as string, '--report', out, input], { maxBuffer: 64 * 1024 * 1024 }).catch(() => undefined);
      report = JSON.parse(fs.readFileSync(out, 'utf8') || '{}') as Report;
    } finally {
      await restoreSeed(db, 'kgxv-');
    }
  });

  it("adds no error for the curated records, their provenance (biocuration, evidence_owner) or an entity's version", () => {
    const messages = Object.entries(report.ERROR ?? {}).flatMap(([type, byMessage]) => Object.keys(byMessage).map((message) => `${type}: ${message}`));
    expect(messages.filter((message) => !message.includes(`with a CURIE prefix '${KGX_PREFIX.slice(0, -1)}'`))).toEqual([]);
    expect(Object.keys(report).length).toBeGreaterThan(0); // the validator ran and reported (the project prefix at least)
  });
});
