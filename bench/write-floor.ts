/**
 * npm run bench:write-floor [-- --duration 10 --rounds 2 --prewarm 40 --index-arms]
 *
 * The write floor beside `npm run bench:writes` (issue 12 part 9): how many accepted proposals per
 * second this machine's Neo4j commits when nothing else runs — no HTTP, no GraphQL, no validation,
 * no audit JSON — with the graph and indexes the API writes into (the bench Neo4j as the last
 * `npm run bench` or `bench:writes` left it; run one of them first). An accepted pair is what the API
 * writes for one: a `:Change` (proposal), then, in a second transaction, the change marked accepted, a
 * new `:Entity:Condition` (every index of ensureSchema, the full-text one included) and the release
 * bumped by the count. Arms: ten connections each committing its own pairs, and one writer committing
 * `batch` pairs per transaction pair with UNWIND (the most a group commit of ten connections could
 * gather). Everything it writes is removed at the end. Prints the figures; writes nothing else.
 *
 * `--index-arms`: what the two Lucene-backed indexes on :Entity (the full-text `entity_search` and the
 * names' TEXT index) cost. The 10-connection and 10-per-transaction arms run once with the indexes as
 * ensureSchema makes them, then with the full-text index eventually consistent, without the TEXT index,
 * without the full-text index, and without either; ensureSchema puts them back after each arm (and at
 * the end, whatever happened).
 */
import type { Driver } from 'neo4j-driver';
import type { Database } from '../src/db';
import { ENTITY_LABEL, FULLTEXT_INDEX, FULLTEXT_PROPERTIES, INDEX_ENTITY_NAME_SEARCH } from '../src/domain/model';
import { ensureSchema } from '../src/ingest/load';
import { startBenchNeo4j, cpuSeconds, loadAverage, openDatabase } from './lib/neo4j';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}

const DURATION = Number(arg('duration', '10'));
const ROUNDS = Number(arg('rounds', '2'));
const PREWARM = Number(arg('prewarm', '40'));
const INDEX_ARMS = process.argv.includes('--index-arms');

const PROPOSE = `
UNWIND $rows AS r
CREATE (c:Change) SET c.id = r.id, c.idempotencyKey = r.key, c.status = 'PROPOSED', c.operation = 'createEntity',
  c.payload = r.payload, c.actor = 'bench-curator', c.proposedAt = datetime()`;

const ACCEPT = `
UNWIND $rows AS r
MATCH (c:Change {id: r.id})
SET c.status = 'ACCEPTED', c.reviewer = 'bench-reviewer', c.reviewedAt = datetime(), c.after = r.payload
CREATE (n:Entity:Condition)
SET n.id = r.entityId, n.kind = 'Condition', n.name = r.name, n.nameSearch = toLower(r.name), n.owner = 'curation', n.version = 1
WITH count(*) AS accepted
MATCH (v:DataVersion {id: 'graph'})
SET v.number = v.number + accepted, v.releasedAt = datetime(), v.source = 'curation'`;

const ENSURE_RELEASE = `MERGE (v:DataVersion {id: 'graph'}) ON CREATE SET v.number = 0, v.epoch = toString(datetime())`;
const CLEAN_ENTITIES = `MATCH (n:Entity) WHERE n.id STARTS WITH $prefix CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`;
const CLEAN_CHANGES = `MATCH (c:Change) WHERE c.id STARTS WITH $prefix CALL (c) { DELETE c } IN TRANSACTIONS OF 5000 ROWS`;

const runTag = `write-floor-${Date.now().toString(36)}`;
let serial = 0;

function pairs(count: number) {
  return Array.from({ length: count }, () => {
    serial += 1;
    const name = `Write floor condition ${serial}`;
    return {
      id: `${runTag}-${serial}`,
      key: `${runTag}-key-${serial}`,
      entityId: `${runTag}:${serial}`,
      name,
      payload: JSON.stringify({ id: `${runTag}:${serial}`, kind: 'Condition', name, aliases: [], xrefs: [] }),
    };
  });
}

/** One writer: propose `batch` pairs in one transaction, accept them in a second, until `until`. */
async function writer(driver: Driver, database: string, batch: number, until: number): Promise<number> {
  const session = driver.session({ database });
  let accepted = 0;
  try {
    while (Date.now() < until) {
      const rows = pairs(batch);
      await session.executeWrite((tx) => tx.run(PROPOSE, { rows }));
      await session.executeWrite((tx) => tx.run(ACCEPT, { rows }));
      accepted += batch;
    }
  } finally {
    await session.close();
  }
  return accepted;
}

interface Arm {
  name: string;
  writers: number;
  batch: number;
}

const ARMS: Arm[] = [
  { name: '10 connections, each pair its own two transactions', writers: 10, batch: 1 },
  { name: '1 writer, 5 pairs per transaction', writers: 1, batch: 5 },
  { name: '1 writer, 10 pairs per transaction', writers: 1, batch: 10 },
];

/** How the Lucene-backed indexes on :Entity are changed for an `--index-arms` arm (ensureSchema undoes each). */
interface IndexArm {
  name: string;
  dropFulltext: boolean;
  eventuallyConsistentFulltext: boolean;
  dropNameText: boolean;
}

const INDEX_VARIANTS: IndexArm[] = [
  { name: 'as ensureSchema makes them', dropFulltext: false, eventuallyConsistentFulltext: false, dropNameText: false },
  { name: 'full-text index eventually consistent', dropFulltext: true, eventuallyConsistentFulltext: true, dropNameText: false },
  { name: 'without the names\' TEXT index', dropFulltext: false, eventuallyConsistentFulltext: false, dropNameText: true },
  { name: 'without the full-text index', dropFulltext: true, eventuallyConsistentFulltext: false, dropNameText: false },
  { name: 'without either', dropFulltext: true, eventuallyConsistentFulltext: false, dropNameText: true },
];

const EVENTUALLY_CONSISTENT_FULLTEXT = `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} FOR (n:${ENTITY_LABEL}) ON EACH [${FULLTEXT_PROPERTIES.map((p) => `n.${p}`).join(', ')}]
  OPTIONS {indexConfig: {\`fulltext.eventually_consistent\`: true}}`;

async function applyIndexArm(db: Database, arm: IndexArm): Promise<string> {
  if (arm.dropFulltext) await db.schema(`DROP INDEX ${FULLTEXT_INDEX} IF EXISTS`);
  if (arm.eventuallyConsistentFulltext) await db.schema(EVENTUALLY_CONSISTENT_FULLTEXT);
  if (arm.dropNameText) await db.schema(`DROP INDEX ${INDEX_ENTITY_NAME_SEARCH} IF EXISTS`);
  await db.read('CALL db.awaitIndexes(600)');
  return describeEntityTextIndexes(db);
}

/** Back to ensureSchema's indexes (it creates the missing ones, but keeps a full-text index with other options: dropped first). */
async function restoreIndexes(db: Database, arm: IndexArm): Promise<string> {
  if (arm.eventuallyConsistentFulltext) await db.schema(`DROP INDEX ${FULLTEXT_INDEX} IF EXISTS`);
  await ensureSchema(db);
  return describeEntityTextIndexes(db);
}

async function describeEntityTextIndexes(db: Database): Promise<string> {
  const rows = await db.read<{ name: string; type: string; eventual: boolean | null }>(
    `SHOW INDEXES YIELD name, type, options WHERE name IN [$fulltext, $text]
     RETURN name, type, options.indexConfig.\`fulltext.eventually_consistent\` AS eventual ORDER BY name`,
    { fulltext: FULLTEXT_INDEX, text: INDEX_ENTITY_NAME_SEARCH },
  );
  return rows.map((r) => `${r.name} (${r.type}${r.eventual ? ', eventually consistent' : ''})`).join(', ') || 'none';
}

async function measure(driver: Driver, database: string, neo4jPid: number, arm: Arm, seconds: number) {
  const cpu0 = cpuSeconds(neo4jPid);
  const started = Date.now();
  const counts = await Promise.all(Array.from({ length: arm.writers }, () => writer(driver, database, arm.batch, started + seconds * 1000)));
  const wallS = (Date.now() - started) / 1000;
  const accepted = counts.reduce((a, b) => a + b, 0);
  return { accepted, perSecond: accepted / wallS, neo4jCpuMsPerPair: ((cpuSeconds(neo4jPid) - cpu0) * 1000) / accepted };
}

async function main(): Promise<void> {
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const handle = await startBenchNeo4j((line) => log(`[neo4j] ${line}`));
  const db = openDatabase(handle);
  const database = handle.database;
  try {
    const [row] = await db.read<{ entities: number }>('MATCH (n:Entity) RETURN count(n) AS entities');
    log(`bench graph: ${row?.entities ?? 0} entities`);
    await db.write((tx) => tx.run(ENSURE_RELEASE));
    const release = async () => (await db.read<{ n: number }>("MATCH (v:DataVersion {id: 'graph'}) RETURN v.number AS n"))[0]?.n ?? 0;
    const releaseBefore = await release();
    log(`warm-up: ${PREWARM} s of the 10-connection arm`);
    let total = (await measure(db.driver, database, handle.pid, ARMS[0]!, PREWARM)).accepted;
    const lines: string[] = [];
    const variants = INDEX_ARMS ? INDEX_VARIANTS : [undefined];
    const arms = INDEX_ARMS ? ARMS.filter((arm) => arm.batch !== 5) : ARMS;
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const variant of variants) {
        if (variant) log(`indexes ${variant.name}: ${await applyIndexArm(db, variant)}`);
        try {
          for (const arm of arms) {
            const m = await measure(db.driver, database, handle.pid, arm, DURATION);
            total += m.accepted;
            const armName = variant ? `${arm.name}, indexes ${variant.name}` : arm.name;
            const line = `| ${round} | ${armName} | ${m.perSecond.toFixed(0)} | ${m.neo4jCpuMsPerPair.toFixed(2)} | ${loadAverage().split(' ')[0]} |`;
            log(line);
            lines.push(line);
          }
        } finally {
          if (variant) log(`indexes restored: ${await restoreIndexes(db, variant)}`);
        }
      }
    }
    // Every pair counted was written: the release rose by exactly the pairs accepted, and each left its entity.
    const [written] = await db.read<{ entities: number }>('MATCH (n:Entity) WHERE n.id STARTS WITH $prefix RETURN count(n) AS entities', { prefix: runTag });
    if ((await release()) - releaseBefore !== total || written?.entities !== total) {
      throw new Error(`write floor: ${total} pairs counted, but the release rose by ${(await release()) - releaseBefore} and ${written?.entities} entities were written`);
    }
    log(`checked: ${total} pairs accepted, the release rose by ${total}, ${total} entities written`);
    console.log('\n| round | arm | accepted pairs/s | Neo4j CPU ms per pair | load (1 min) |\n|---:|---|---:|---:|---:|');
    for (const line of lines) console.log(line);
  } finally {
    await db.writeInBatches(CLEAN_ENTITIES, { prefix: runTag }, 600_000).catch((error: unknown) => log(`cleanup of entities failed: ${String(error)}`));
    await db.writeInBatches(CLEAN_CHANGES, { prefix: runTag }, 600_000).catch((error: unknown) => log(`cleanup of changes failed: ${String(error)}`));
    await db.close();
    await handle.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
