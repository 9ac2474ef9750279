import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../../src/db';
import { importKgx } from '../../../src/ingest/import-kgx';
import { readGraph } from '../../../src/ingest/read-graph';
import { reseed } from '../../../src/ingest/seed';
import { defaultSeedDir } from '../../../src/ingest/seed-files';
import { ValidationFailed, formatIssue } from '../../../src/ingest/validate';
import { openTestDatabase, silentLogger, wipe } from '../../helpers/seeded-graph';

// Loads run real transactions against Neo4j (the schema is created on first use): allow them time.
jest.setTimeout(120_000);

let db: Database;
let tmp: string;

beforeAll(async () => {
  db = openTestDatabase();
  await wipe(db);
  await reseed(db, silentLogger);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-'));
});

afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await reseed(db, silentLogger);
  await db.close();
});

/** A copy of seed/ with one file edited. */
function brokenSeed(file: string, edit: (text: string) => string): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'case-'));
  fs.cpSync(defaultSeedDir(), dir, { recursive: true });
  const target = path.join(dir, file);
  const before = fs.readFileSync(target, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing`);
  fs.writeFileSync(target, after);
  return dir;
}

const CASES: Array<[string, string, (text: string) => string, RegExp]> = [
  ['a YAML syntax error', 'entities/triggers.yaml', (t) => t.replace('entities:', 'entities: [oops'), /seed\/entities\/triggers\.yaml: \(file\): \(yaml\): /],
  ['a field the model does not know', 'entities/conditions.yaml', (t) => t.replace('  - id: bfs\n', '  - id: bfs\n    colour: blue\n'), /conditions\.yaml: Condition entities\[1\] \(bfs\): \(record\): Unrecognized key: "colour"/],
  ['an id that is not kebab-case', 'entities/conditions.yaml', (t) => t.replace('id: limb-onset-als', 'id: Limb_Onset_ALS'), /entities\[2\] \(Limb_Onset_ALS\): id: "Limb_Onset_ALS" is not lowercase kebab-case/],
  ['a duplicate id', 'entities/triggers.yaml', (t) => t.replace('id: anxiety,', 'id: depression,'), /triggers\.yaml: Trigger entities\[1\] \(depression\): id: duplicate id "depression"/],
  ['a relationship to an unknown entity', 'relationships/bfs.yaml', (t) => t.replace('object: eyelid\n', 'object: eyelids\n'), /bfs\.yaml: relationships\[2\] \(eyelid-twitching OCCURS_IN eyelids\): object: unknown entity "eyelids"/],
  ['a relationship between kinds its type does not allow', 'relationships/bfs.yaml', (t) => t.replace('subject: eyelid-twitching\n    object: fasciculations', 'subject: eyelid-twitching\n    object: bfs'), /SUBCLASS_OF cannot join a Symptom to a Condition/],
  ['evidence citing an unknown source', 'relationships/als.yaml', (t) => t.replace('source: ref-3', 'source: ref-8'), /evidence\[0\]\.source: unknown source "ref-8"/],
  ['a quote that is not in the article', 'relationships/diagnosis-and-treatment.yaml', (t) => t.replace('Exercising and massage may also provide some relief.', 'Exercising and massage cure BFS.'), /evidence\[0\]\.quote: quote is not an exact span of the source text: "Exercising and massage cure BFS\."; nearest passage \(at \d+-\d+\): "Exercising and massage[^"]*" \(text of "article"\)/],
  ['an invented ontology id', 'entities/conditions.yaml', (t) => t.replace('    xrefs: []\n  - id: limb-onset-als', '    xrefs: [MONDO:0000000]\n  - id: limb-onset-als'), /\(bfs\): xrefs\[0\]: "MONDO:0000000" is not a checked cross-reference/],
  ['a relationship without evidence', 'relationships/bfs.yaml', (t) => t.replace(/(object: eyelid\n    evidence:)\n      - source: ref-4\n        quote: [^\n]+\n/, '$1 []\n'), /bfs\.yaml: relationships\[2\]: evidence: Too small: expected array to have >=1 items/],
];

describe('invalid seed files', () => {
  it.each(CASES)('report %s with file, record and field, and write nothing', async (_name, file, edit, message) => {
    const before = await readGraph(db);
    const dir = brokenSeed(file, edit);
    const error = await reseed(db, silentLogger, { seedDir: dir }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).issues.map(formatIssue).join('\n')).toMatch(message);
    expect(await readGraph(db)).toEqual(before);
  });

  it('lists every error of a file with several at once', async () => {
    const dir = brokenSeed('entities/triggers.yaml', (t) => t.replace('id: anxiety,', 'id: Anxiety_X,').replace('id: stress,', 'id: depression,'));
    const error = (await reseed(db, silentLogger, { seedDir: dir }).catch((e: unknown) => e)) as ValidationFailed;
    const text = error.issues.map(formatIssue).join('\n');
    expect(text).toMatch(/Anxiety_X/);
    expect(text).toMatch(/duplicate id "depression"/);
    expect(text).toMatch(/unknown entity "anxiety"/);
    expect(text).toMatch(/unknown entity "stress"/);
  });
});

describe('an invalid KGX file', () => {
  it('is rejected with every problem and writes nothing', async () => {
    const before = await readGraph(db);
    const file = {
      nodes: [{ id: 'condition-graph:new-symptom', category: ['biolink:PhenotypicFeature'], name: 'New' }, { id: 'condition-graph:Bad Id', category: ['biolink:Disease'], name: 'Bad' }],
      edges: [
        { subject: 'condition-graph:als', predicate: 'biolink:has_phenotype', object: 'condition-graph:new-symptom', publications: ['condition-graph:article'], supporting_text: ['ALS cures everything.'] },
      ],
    };
    const error = (await importKgx(db, file, silentLogger, { fileName: 'bad.json' }).catch((e: unknown) => e)) as ValidationFailed;
    expect(error).toBeInstanceOf(ValidationFailed);
    const text = error.issues.map(formatIssue).join('\n');
    expect(text).toMatch(/bad\.json: node #2 \(Bad Id\): id: "Bad Id" is neither kebab-case nor a CURIE/);
    expect(text).toMatch(/bad\.json: edge #1 \(als HAS_SYMPTOM new-symptom\): evidence\[0\]\.quote: quote is not an exact span of the source text/);
    expect(await readGraph(db)).toEqual(before);
  });
});
