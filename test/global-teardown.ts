import { rmSync } from 'node:fs';
import path from 'node:path';
import { findProjectRoot } from '../src/local-neo4j';

/** Stops the test Neo4j that test/global-setup.ts started (nothing when NEO4J_URI named a server). */
export default async function globalTeardown(): Promise<void> {
  const started = globalThis.__LOCAL_NEO4J__;
  if (!started) return;
  globalThis.__LOCAL_NEO4J__ = undefined;
  started.unregister();
  for (const name of ['NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD', 'NEO4J_DATABASE']) delete process.env[name];
  await started.handle.stop();
  if (started.privateDir) rmSync(path.resolve(findProjectRoot(), started.privateDir), { recursive: true, force: true });
}
