import { stopOnExit, type LocalNeo4jHandle } from '../../../src/local-neo4j';

function fakeHandle(): LocalNeo4jHandle & { stops: number; syncStops: number } {
  const handle = {
    uri: 'bolt://127.0.0.1:1',
    user: 'neo4j',
    password: 'pw',
    database: 'neo4j',
    boltPort: 1,
    pid: 1,
    instanceDir: '/x',
    neo4jVersion: '5.26.30',
    reused: false,
    owned: true,
    stops: 0,
    syncStops: 0,
    stop: async () => {
      handle.stops += 1;
    },
    stopSync: () => {
      handle.syncStops += 1;
    },
  };
  return handle;
}

describe('stopping Neo4j when the process ends', () => {
  it('registers signal and exit handlers only when asked, and removes them again', () => {
    const before = { int: process.listenerCount('SIGINT'), term: process.listenerCount('SIGTERM'), exit: process.listenerCount('exit') };
    const unregister = stopOnExit(fakeHandle());
    expect(process.listenerCount('SIGINT')).toBe(before.int + 1);
    expect(process.listenerCount('SIGTERM')).toBe(before.term + 1);
    expect(process.listenerCount('exit')).toBe(before.exit + 1);
    unregister();
    expect(process.listenerCount('SIGINT')).toBe(before.int);
    expect(process.listenerCount('SIGTERM')).toBe(before.term);
    expect(process.listenerCount('exit')).toBe(before.exit);
  });

  it('stops the server on a signal, without exiting when told not to', async () => {
    const handle = fakeHandle();
    const unregister = stopOnExit(handle, { signals: ['SIGUSR2'], exitAfterSignal: false });
    try {
      process.emit('SIGUSR2', 'SIGUSR2');
      await new Promise((resolve) => setImmediate(resolve));
      expect(handle.stops).toBe(1);
    } finally {
      unregister();
    }
  });

  it('asks the server to stop synchronously when the process exits', () => {
    const handle = fakeHandle();
    const unregister = stopOnExit(handle, { signals: [] });
    try {
      process.emit('exit', 0);
      expect(handle.syncStops).toBe(1);
    } finally {
      unregister();
    }
  });
});
