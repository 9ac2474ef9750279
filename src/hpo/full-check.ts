/**
 * `node dist/src/hpo/full-check.js EXPECTED.json`: checks a database into which the real HPO release
 * was imported (scripts/hpo-full-check.sh) against counts computed independently from the raw files
 * (by the script, with python3), plus a few known answers. Prints each check; exit 1 on any failure.
 */
import fs from 'node:fs';
import { withDatabase } from '../app/with-database';
import type { Database } from '../db';
import { PHENOTYPE_CATEGORIES } from '../domain/traversal/phenotype-match';
import { rankConditions } from '../domain/traversal/rank';
import { HPO_OWNER } from './map';
import { hpoRelease } from './import';

interface Expected {
  liveTerms: number;
  isA: number;
  diseases: number;
  references: number;
  /** Distinct (disease, term) pairs of positive rows / NOT rows. */
  positivePairs: number;
  negatedPairs: number;
  negatedRows: number;
  /** Annotation rows times their references (evidence entries before merging identical ones). */
  evidenceEntries: number;
  version: string;
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node dist/src/hpo/full-check.js EXPECTED.json\n');
  process.exit(2);
}
const expected = JSON.parse(fs.readFileSync(file, 'utf8')) as Expected;
let failures = 0;
const check = (what: string, actual: unknown, wanted: unknown) => {
  const ok = JSON.stringify(actual) === JSON.stringify(wanted);
  if (!ok) failures += 1;
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${what}: ${JSON.stringify(actual)}${ok ? '' : ` (expected ${JSON.stringify(wanted)})`}\n`);
};

/**
 * Up to 7 of the disease's phenotype terms, evenly spread over them in id order (deterministic), and
 * for each the parent with the highest ic (ties by id), itself when it has none.
 */
async function differentialTerms(db: Database, disease: string): Promise<{ terms: string[]; parents: string[]; of: number }> {
  const rows = await db.read<{ id: string; parent: string | null }>(
    `MATCH (:Condition {id: $disease})-[:HAS_SYMPTOM]->(t:Symptom) WHERE t.hpoCategory IN $categories
     CALL (t) {
       OPTIONAL MATCH (t)-[:SUBCLASS_OF]->(p:Symptom) WHERE p.ic IS NOT NULL AND p.hpoCategory IN $categories
       RETURN p ORDER BY p.ic DESC, p.id LIMIT 1
     }
     RETURN t.id AS id, p.id AS parent ORDER BY id`,
    { disease, categories: [...PHENOTYPE_CATEGORIES] },
  );
  const step = Math.max(1, Math.floor(rows.length / 7));
  const chosen = rows.filter((_, i) => i % step === 0).slice(0, 7);
  return { terms: chosen.map((r) => r.id), parents: [...new Set(chosen.map((r) => r.parent ?? r.id))], of: rows.length };
}

withDatabase(async (db) => {
  const one = async <T extends Record<string, unknown>>(cypher: string, params: Record<string, unknown> = {}): Promise<T> =>
    ((await db.read<T>(cypher, params))[0] ?? {}) as T;
  const owner = { owner: HPO_OWNER };

  check('live HPO terms (nodes with hpoId)', (await one<{ n: number }>('MATCH (n:Entity) WHERE n.hpoId IS NOT NULL RETURN count(n) AS n')).n, expected.liveTerms);
  check(
    'is_a links (SUBCLASS_OF between HPO terms)',
    (await one<{ n: number }>('MATCH (a:Symptom)-[r:SUBCLASS_OF {owner: $owner}]->(b:Symptom) WHERE a.hpoId IS NOT NULL AND b.hpoId IS NOT NULL RETURN count(r) AS n', owner)).n,
    expected.isA,
  );
  check('diseases (Conditions owned by hpo)', (await one<{ n: number }>('MATCH (n:Condition {owner: $owner}) RETURN count(n) AS n', owner)).n, expected.diseases);
  check(
    'reference Sources (owned by hpo, besides infores:hp and infores:hpo-annotations)',
    (await one<{ n: number }>("MATCH (n:Source {owner: $owner}) WHERE NOT n.id STARTS WITH 'infores:' RETURN count(n) AS n", owner)).n,
    expected.references,
  );
  const annotations = await one<{ pos: number; neg: number; evidence: number }>(
    `MATCH (:Condition)-[r {owner: $owner}]->(:Symptom) WHERE type(r) IN ['HAS_SYMPTOM', 'NOT_HAS_SYMPTOM']
     RETURN sum(CASE type(r) WHEN 'HAS_SYMPTOM' THEN 1 ELSE 0 END) AS pos, sum(CASE type(r) WHEN 'NOT_HAS_SYMPTOM' THEN 1 ELSE 0 END) AS neg,
            sum(size(r.evSources)) AS evidence`,
    owner,
  );
  check('HAS_SYMPTOM relationships (distinct disease-term pairs of positive rows)', annotations.pos, expected.positivePairs);
  check('NOT_HAS_SYMPTOM relationships (distinct pairs of the NOT rows)', annotations.neg, expected.negatedPairs);
  const merged = expected.evidenceEntries - annotations.evidence;
  process.stdout.write(`info evidence entries on annotations: ${annotations.evidence} (${expected.evidenceEntries} row x reference entries, ${merged} identical ones merged)\n`);
  check('evidence entries within 0.1% of rows x references', Math.abs(merged) <= expected.evidenceEntries * 0.001, true);
  check(
    'negated rows kept as NOT evidence (not positive)',
    (await one<{ n: number }>("MATCH ()-[r:NOT_HAS_SYMPTOM {owner: $owner}]->() RETURN sum(size(r.evSources)) AS n", owner)).n >= expected.negatedPairs,
    true,
  );

  const als = await one<{ sources: string[]; frequencies: string[]; codes: string[] }>(
    `MATCH (:Condition {id: 'ORPHA:803'})-[r:HAS_SYMPTOM]->(f:Symptom {hpoId: 'HP:0002380'})
     RETURN r.evSources AS sources, r.evFrequencies AS frequencies, r.evCodes AS codes`,
  );
  check('ALS (ORPHA:803) - Fasciculations HP:0002380: sources', als.sources, ['ref:ORPHA:803']);
  check('ALS (ORPHA:803) - Fasciculations HP:0002380: frequency "Frequent"', als.frequencies, ['HP:0040282']);
  const omim = await one<{ n: number }>("MATCH (:Condition {id: 'OMIM:105400'})-[r:HAS_SYMPTOM]->(:Symptom {hpoId: 'HP:0002380'}) RETURN count(r) AS n");
  check('ALS1 (OMIM:105400) - Fasciculations HP:0002380', omim.n, 1);
  const article = await one<{ id: string; owner: string; links: string[] }>(
    `MATCH (f:Symptom {hpoId: 'HP:0002380'}) OPTIONAL MATCH (c:Condition)-[:SUBCLASS_OF]->(:Condition {id: 'als'})
     RETURN f.id AS id, f.owner AS owner, collect(c.id) AS links`,
  );
  if (article.id === 'fasciculations') {
    check("HP:0002380 is the article's fasciculations", article.owner, 'seed');
    check("ORPHA:803 and OMIM:105400 linked to the article's ALS", ['OMIM:105400', 'ORPHA:803'].every((id) => article.links.includes(id)), true);
  } else {
    process.stdout.write('info the article seed is not loaded: HP:0002380 is its own node\n');
  }
  const alt = await one<{ id: string }>("MATCH (n:Entity) WHERE 'HP:0002468' IN n.altIds RETURN n.hpoId AS id");
  check('alt_id HP:0002468 resolves', alt.id, 'HP:0002380');
  check('release recorded', (await hpoRelease(db))?.version, expected.version);
  const ic = await one<{ root: number; fasc: number }>(
    "MATCH (r:Entity {hpoId: 'HP:0000118'}), (f:Entity {hpoId: 'HP:0002380'}) RETURN r.ic AS root, f.ic AS fasc",
  );
  check('information content: Phenotypic abnormality < Fasciculations', ic.root < ic.fasc && ic.root >= 0, true);
  process.stdout.write(`info ic(HP:0000118) = ${ic.root}, ic(HP:0002380) = ${ic.fasc}\n`);

  // Known answer: the differential (rankConditions, the API's own code) for a real disease's annotated
  // phenotypes ranks it near the top, both for a subset of its terms as annotated and for the same
  // terms each replaced by its most informative parent (a patient described less precisely: only
  // the phenotype hierarchy can match those).
  for (const disease of ['ORPHA:803', 'OMIM:105400']) {
    const asked = await differentialTerms(db, disease);
    for (const [how, ids] of [
      ['as annotated', asked.terms],
      ['each replaced by its parent', asked.parents],
    ] as const) {
      const started = Date.now();
      const ranked = await rankConditions(db, { symptomIds: ids, first: 10 });
      const ms = Date.now() - started;
      const rank = ranked.findIndex((r) => r.condition.id === disease) + 1;
      const top = ranked.slice(0, 3).map((r) => `${r.condition.id} ${r.score.toFixed(3)}`).join(', ');
      process.stdout.write(`info differential for ${asked.terms.length} of ${disease}'s ${asked.of} phenotypes (${how}: ${ids.join(' ')}): ${disease} ranks ${rank || '>10'} in ${ms} ms; top 3: ${top}\n`);
      check(`differential for ${disease}'s phenotypes (${how}) ranks it within the top 10`, rank >= 1 && rank <= 10, true);
    }
  }
}).then(
  () => {
    process.stdout.write(failures === 0 ? 'hpo full check: all passed\n' : `hpo full check: ${failures} FAILED\n`);
    process.exitCode = failures === 0 ? 0 : 1;
  },
  (error: unknown) => {
    process.stderr.write(`hpo full check failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
