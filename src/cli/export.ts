/** `npm run export -- --out FILE`: writes the whole graph as KGX JSON (deterministic, byte-stable). */
import fs from 'node:fs';
import { withDatabase } from '../app/with-database';
import { exportKgx } from '../ingest/import-kgx';
import { runCli, UsageError } from '../ingest/cli-support';

const args = process.argv.slice(2);
const at = args.indexOf('--out');
const out = at >= 0 ? args[at + 1] : undefined;

runCli(async () => {
  if (out === undefined || out.startsWith('--')) throw new UsageError('usage: npm run export -- --out FILE.json');
  await withDatabase(async (db, log) => {
    const text = await exportKgx(db);
    fs.writeFileSync(out, text);
    const parsed = JSON.parse(text) as { nodes: unknown[]; edges: unknown[] };
    log.info({ out, nodes: parsed.nodes.length, edges: parsed.edges.length }, 'kgx export written');
    process.stdout.write(`wrote ${out}: ${parsed.nodes.length} nodes, ${parsed.edges.length} KGX edges (one per piece of evidence)\n`);
  });
});
