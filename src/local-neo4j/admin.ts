import fs from 'node:fs';
import path from 'node:path';
import { instanceDirectories } from './conf';
import { runAdminCommand } from './password';
import type { RunResult } from './run';
import { findProjectRoot, type LocalNeo4jOptions } from './start';

/**
 * Offline `neo4j-admin` commands (such as `database import full`) on a local instance, with the same
 * NEO4J_HOME, NEO4J_CONF, java and jar folder the manager uses to start it. The server of that
 * instance must be stopped first (LocalNeo4jHandle.stop()) and started again afterwards.
 */
export function runNeo4jAdmin(options: Pick<LocalNeo4jOptions, 'instanceDir' | 'javaCommand' | 'libDir'>, args: string[]): Promise<RunResult> {
  const root = findProjectRoot();
  return runAdminCommand(
    {
      instanceDir: path.resolve(root, options.instanceDir),
      javaCommand: options.javaCommand ?? 'java',
      libDir: path.resolve(root, options.libDir ?? path.join('.neo4j', 'lib')),
    },
    args,
  );
}

/** The store and transaction-log folders of one database of an instance. */
export function databaseFolders(instanceDir: string, database: string): { store: string; transactions: string } {
  const data = instanceDirectories(path.resolve(findProjectRoot(), instanceDir)).data;
  return { store: path.join(data, 'databases', database), transactions: path.join(data, 'transactions', database) };
}

/**
 * Deletes one database's store and transaction logs (the server must be stopped). On the next start
 * Neo4j creates that database anew, empty; users, passwords and other databases are kept.
 */
export function deleteDatabaseFiles(instanceDir: string, database: string): void {
  const folders = databaseFolders(instanceDir, database);
  fs.rmSync(folders.store, { recursive: true, force: true });
  fs.rmSync(folders.transactions, { recursive: true, force: true });
}
