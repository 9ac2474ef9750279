import { LocalNeo4jError, errorLines, fatalStartError, lastLines } from '../../../src/local-neo4j/errors';

describe('a local Neo4j error', () => {
  it('carries its code and is one paragraph when there is no log to show', () => {
    const error = new LocalNeo4jError('START_TIMEOUT', 'Cannot start the local Neo4j: it was slow.');
    expect(error.code).toBe('START_TIMEOUT');
    expect(error.name).toBe('LocalNeo4jError');
    expect(error.message).not.toContain('\n');
  });

  it('appends the last lines of the log, naming the file', () => {
    const error = new LocalNeo4jError('EXITED_DURING_START', 'It exited.', { logTail: ['line 1', 'line 2'], logFile: '/x/logs/console.log' });
    expect(error.message).toBe('It exited.\n\nLast 2 lines of /x/logs/console.log:\nline 1\nline 2');
    expect(error.logTail).toEqual(['line 1', 'line 2']);
  });
});

describe('the last lines of a log', () => {
  it('keeps the last non-empty lines only', () => {
    const text = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n\n';
    const tail = lastLines(text);
    expect(tail).toHaveLength(20);
    expect(tail[0]).toBe('line 11');
    expect(tail[19]).toBe('line 30');
  });
});

describe("the error lines of Neo4j's debug.log", () => {
  const log = [
    '2026-12-07 19:32:01.100+0000 INFO  [o.n.k.d.Database] [neo4j/b6e4eb6d] Starting transaction log recovery.',
    '2026-12-07 19:32:02.200+0000 WARN  [o.n.k.i.c.VmPauseMonitorComponent] Detected VM stop-the-world pause: {pauseTime=243}',
    '2026-12-07 19:32:03.300+0000 ERROR [o.n.m.DatabaseHealth] [neo4j/b6e4eb6d] Database panic: The database has encountered a critical error',
    'org.neo4j.internal.kernel.api.exceptions.TransactionApplyKernelException: Failed to apply transaction: Transaction #87',
    '\tat org.neo4j.internal.recordstorage.RecordStorageEngine.apply(RecordStorageEngine.java:558)',
    '\tat org.neo4j.kernel.recovery.RecoveryVisitor.visit(RecoveryVisitor.java:55)',
    'Caused by: java.lang.IllegalStateException: the reason',
    '\t... 12 more',
    '2026-12-07 19:32:04.400+0000 INFO  [o.n.k.d.Database] [neo4j/b6e4eb6d] Stopping.',
    '\tat not.an.error.Frame(Frame.java:1)',
  ].join('\n');

  it('keeps each ERROR entry with its exception and causes, and drops stack frames and other levels', () => {
    expect(errorLines(log)).toEqual([
      '2026-12-07 19:32:03.300+0000 ERROR [o.n.m.DatabaseHealth] [neo4j/b6e4eb6d] Database panic: The database has encountered a critical error',
      'org.neo4j.internal.kernel.api.exceptions.TransactionApplyKernelException: Failed to apply transaction: Transaction #87',
      'Caused by: java.lang.IllegalStateException: the reason',
    ]);
  });

  it('finds nothing in a log without errors, and keeps only the last lines of a long one', () => {
    expect(errorLines('2026-12-07 19:32:01.100+0000 INFO  [o.n.k.d.Database] Started.\n')).toEqual([]);
    expect(errorLines(log, 2)).toEqual([
      'org.neo4j.internal.kernel.api.exceptions.TransactionApplyKernelException: Failed to apply transaction: Transaction #87',
      'Caused by: java.lang.IllegalStateException: the reason',
    ]);
  });
});

describe('a debug.log error that ends a start', () => {
  it('is a failed recovery or a database panic, and no other error', () => {
    const recovery = '2026-12-07 19:57:06.965+0000 ERROR [o.n.k.r.Recovery] [neo4j/9bf0fa3c] Transaction logs are missing and recovery is not possible.';
    const panic = '2026-12-07 19:32:03.300+0000 ERROR [o.n.m.DatabaseHealth] [neo4j/b6e4eb6d] Database panic: The database has encountered a critical error';
    const other = '2026-12-07 19:32:03.300+0000 ERROR [o.n.b.t.p.ProtocolHandshaker] Unsupported protocol version';
    expect(fatalStartError([other, recovery, panic])).toBe(recovery);
    expect(fatalStartError([other, panic])).toBe(panic);
    expect(fatalStartError([other, '2026-12-07 19:32:03.300+0000 WARN  [o.n.k.r.Recovery] [neo4j/9bf0fa3c] a warning'])).toBeUndefined();
  });
});
