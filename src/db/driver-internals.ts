/**
 * neo4j-driver's internal modules, for the two changes this project makes to how it reads Bolt
 * (bolt-messages.ts, packstream-maps.ts). They are made only for the driver version they were checked
 * against: with any other, `boltConnectionModule` answers null, the driver is left as it is, and
 * test/unit/db/*.test.ts fail, to have the changes re-checked or dropped.
 */
import { createRequire } from 'node:module';

export const PATCHED_VERSION = '6.3.0';

/** A module of the bolt-connection package neo4j-driver itself loads, when it is the checked version; else null. */
export function boltConnectionModule<T>(path: string): T | null {
  try {
    const load = createRequire(require.resolve('neo4j-driver'));
    const { version } = load('neo4j-driver-bolt-connection/package.json') as { version: string };
    if (version !== PATCHED_VERSION) return null;
    return load(`neo4j-driver-bolt-connection/${path}`) as T;
  } catch {
    return null;
  }
}
