/**
 * For each bench operation: the statements the API sends (captured from Database.read) and the
 * floor's, each run once with PROFILE against the bench Neo4j as it is (whatever size was loaded
 * last): total db hits, rows and the time Neo4j reports. Usage: node dist/bench/profile.js [Op,...]
 */
import pino from 'pino';
import neo4j from 'neo4j-driver';
import { Database } from '../src/db';
import { createServer } from '../src/server';
import { OPERATIONS } from './operations';
import { openDatabase, startBenchNeo4j } from './lib/neo4j';

type Row = Record<string, unknown>;
interface Statement {
  cypher: string;
  params: Row;
}

class CapturingDatabase extends Database {
  captured: Statement[] = [];
  constructor(private readonly real: Database) {
    super(real, { database: 'neo4j', queryTimeoutMs: 60_000 });
  }
  override async read<T extends Row = Row>(cypher: string, params: Row = {}): Promise<T[]> {
    this.captured.push({ cypher, params });
    return this.real.read<T>(cypher, params);
  }
}

interface PlanNode {
  dbHits?: number;
  children?: PlanNode[];
}
const hits = (plan: PlanNode | undefined): number => (plan ? (plan.dbHits ?? 0) + (plan.children ?? []).reduce((s, c) => s + hits(c), 0) : 0);

async function profile(db: Database, s: Statement): Promise<string> {
  const session = db.driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const t0 = Date.now();
    const result = await session.run(`PROFILE ${s.cypher}`, s.params);
    const ms = Date.now() - t0;
    const summary = result.summary;
    return `db hits ${hits(summary.profile as unknown as PlanNode)}, ${result.records.length} row(s), ${ms} ms wall, ${JSON.stringify(s.params).length} B params`;
  } finally {
    await session.close();
  }
}

async function main(): Promise<void> {
  const only = process.argv[2]?.split(',');
  const handle = await startBenchNeo4j(() => {});
  const real = openDatabase(handle);
  const api = new CapturingDatabase(real);
  const floor = new CapturingDatabase(real);
  const server = await createServer({ config: { http: { port: 0, host: '127.0.0.1', maxBodyBytes: 1_000_000, playground: false } }, db: api, logger: pino({ level: 'silent' }) });
  await server.warmedUp; // the warm-up's statements are not the profile's
  const [row] = await real.read<{ n: number }>('MATCH (n:Entity) RETURN count(n) AS n');
  const sizeName = (row?.n ?? 0) < 1000 ? 'seed' : 'synthetic';
  try {
    for (const op of OPERATIONS.filter((o) => !only || only.includes(o.name))) {
      const variables = op.variables[sizeName];
      api.captured = [];
      floor.captured = [];
      for (let i = 0; i < 3; i++) {
        await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operationName: op.name, query: op.query, variables }) });
        await op.floor(floor, variables);
      }
      const [a, f] = [api.captured[0], floor.captured[0]];
      console.log(`\n## ${op.name} (${row?.n} nodes)`);
      if (a) console.log(`api:   ${await profile(real, a)}${process.env.SHOW ? `\n${a.cypher}\n${JSON.stringify(a.params)}` : ''}`);
      if (f) console.log(`floor: ${await profile(real, f)}${process.env.SHOW ? `\n${f.cypher}` : ''}`);
    }
  } finally {
    await server.stop();
    await real.close();
    await handle.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
