/**
 * `npm run faults`: the server on its own supervised local Neo4j (.neo4j/faults), under a steady read
 * load over loopback, while Neo4j is frozen, starved of connections, killed, and the server is sent
 * a shutdown with requests in flight; prints what clients saw. Figures, not assertions (the bounds are
 * asserted in test/integration/server/faults.test.ts and shutdown.test.ts).
 *
 *   npm run faults                  # NEO4J_QUERY_TIMEOUT_MS=10000 (the default), freeze 20 s
 *   FAULTS_QUERY_TIMEOUT_MS=4000 FAULTS_FREEZE_MS=10000 npm run faults
 */
import path from 'node:path';
import pino from 'pino';
import { PROJECT_ROOT } from '../../src/config';
import { exhaustionScenario, freezeScenario, killScenario, percentile, send, sleep, startRig, READS, type Outcome } from './rig';

const QUERY_TIMEOUT_MS = Number(process.env.FAULTS_QUERY_TIMEOUT_MS ?? 10_000);
const FREEZE_MS = Number(process.env.FAULTS_FREEZE_MS ?? 20_000);
const RATE = 20;

const ms = (value: number | undefined): string => (value === undefined ? '–' : value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`);

function summary(outcomes: Outcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) {
    const key = o.error ?? `${o.status}${o.code ? ` ${o.code}` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${n} × ${key}`).join(', ');
}

async function main(): Promise<void> {
  const log = (line: string): void => void process.stderr.write(`[faults] ${line}\n`);
  log(`starting the server on its own local Neo4j (.neo4j/faults), query timeout ${QUERY_TIMEOUT_MS} ms…`);
  const rig = await startRig({
    instanceDir: path.join(PROJECT_ROOT, '.neo4j', 'faults'),
    queryTimeoutMs: QUERY_TIMEOUT_MS,
    logger: pino({ level: 'silent' }),
    log: (line) => log(`neo4j: ${line}`),
  });
  const budget = rig.db.budgetMs;
  const rows: string[][] = [];
  try {
    const healthy = await Promise.all(Array.from({ length: 40 }, (_, i) => send(rig.url, READS[i % READS.length]!)));
    rows.push(['healthy (40 reads)', summary(healthy), `p50 ${ms(percentile(healthy.map((o) => o.ms), 50))}`]);

    log(`freezing Neo4j (SIGSTOP) for ${FREEZE_MS} ms with ${RATE} reads/s and a burst of 200 concurrent reads…`);
    const freeze = await freezeScenario(rig, FREEZE_MS, { ratePerSecond: RATE, burst: 200 });
    rows.push([
      `Neo4j frozen ${ms(FREEZE_MS)} (SIGSTOP), ${RATE}/s + 200 concurrent`,
      summary([...freeze.burst, ...freeze.outcomes]),
      `max wait ${ms(freeze.maxWaitMs)} (budget ${ms(budget)}); 503 p50 ${ms(percentile([...freeze.burst, ...freeze.outcomes].filter((o) => o.status === 503).map((o) => o.ms), 50))}; recovery ${ms(freeze.msToRecovery)} after SIGCONT`,
    ]);
    const readyCodes = summary(freeze.probes.map((p) => ({ startedAt: 0, ms: p.ms, status: p.status })));
    rows.push(['/readyz during the freeze', readyCodes, `max ${ms(freeze.maxProbeMs)}`]);

    await sleep(2000);
    log('holding every pooled connection (50) in open transactions, 50 reads…');
    const exhausted = await exhaustionScenario(rig, 50, 50);
    rows.push(['pool exhausted (50 held), 50 reads', summary(exhausted.outcomes), `max wait ${ms(exhausted.maxWaitMs)}; afterwards ${exhausted.afterwards.status}`]);

    log(`killing Neo4j (SIGKILL) under ${RATE} reads/s; the server restarts it…`);
    const kill = await killScenario(rig, RATE);
    const outage = kill.outcomes.filter((o) => o.startedAt >= kill.killedAt && o.status !== 200);
    rows.push([
      `Neo4j killed (SIGKILL), ${RATE}/s`,
      summary(kill.outcomes.filter((o) => o.startedAt >= kill.killedAt)),
      `first 503 ${ms(kill.msToFirst503)} after the kill; 503 p50 ${ms(percentile(outage.map((o) => o.ms), 50))}, max ${ms(kill.max503Ms)}; dishonest ${kill.dishonest.length}`,
    ]);
    rows.push([
      'local Neo4j restarted by the server',
      `${kill.restarts} restart (pid ${kill.pidBefore} → ${kill.pidAfter})`,
      `running again ${ms(kill.msToRestarted)} after the kill; held for the warm-up ${ms(kill.msRewarm)}; first read answered 200 sent ${ms(kill.msRestartedToFirstRead)} after Neo4j was back, took ${ms(kill.firstReadMs)}`,
    ]);
  } finally {
    await rig.stop();
  }

  process.stdout.write(`\nFaults (server query timeout ${ms(QUERY_TIMEOUT_MS)}, budget ${ms(budget)}; loopback; this machine)\n\n`);
  process.stdout.write('| what happened | what clients saw | figures |\n|---|---|---|\n');
  for (const row of rows) process.stdout.write(`| ${row.join(' | ')} |\n`);
  process.stdout.write('\nSIGTERM with requests in flight and arrived-but-unread: test/integration/server/shutdown.test.ts (20 + 20, none reset).\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
