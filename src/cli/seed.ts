/** `npm run seed`: validates seed/ and re-seeds (replacing what the seed owns; never duplicating). */
import { withDatabase } from '../app/with-database';
import { graphCounts } from '../ingest/read-graph';
import { reseed } from '../ingest/seed';
import { runCli, printCounts } from '../ingest/cli-support';

runCli(() =>
  withDatabase(async (db, log) => {
    const result = await reseed(db, log);
    process.stdout.write(`seeded: ${result.nodes} nodes and ${result.edges} relationships written; removed ${result.removedNodes} nodes and ${result.removedEdges} relationships no longer in seed/\n`);
    printCounts(await graphCounts(db));
  }),
);
