import { LocalNeo4jError, lastLines } from '../../../src/local-neo4j/errors';

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
