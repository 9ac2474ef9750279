import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ALTERNATIVES, LocalNeo4jError, lastLines } from './errors';
import { confFilePath, instanceDirectories } from './conf';
import { runCommand, type RunResult } from './run';

export const NEO4J_USER = 'neo4j';

export const passwordFilePath = (instanceDir: string): string => path.join(instanceDir, 'password');

/**
 * A random password: 36 hex characters (144 bits). Letters and digits only: a base64url password that
 * happened to start with "-" was read by neo4j-admin as an option and the first start failed.
 */
export const generatePassword = (): string => crypto.randomBytes(18).toString('hex');

/** Whether Neo4j's auth store was already created in this instance (initial password set or server started). */
export function isAuthInitialised(instanceDir: string): boolean {
  const data = instanceDirectories(instanceDir).data;
  return fs.existsSync(path.join(data, 'dbms', 'auth.ini')) || fs.existsSync(path.join(data, 'databases', 'system'));
}

export function readPasswordFile(instanceDir: string): string | undefined {
  try {
    const password = fs.readFileSync(passwordFilePath(instanceDir), 'utf8').trim();
    return password === '' ? undefined : password;
  } catch {
    return undefined;
  }
}

/** Stores the password readable by the owner only (mode 0600, also under a permissive umask). */
export function writePasswordFile(instanceDir: string, password: string): void {
  const file = passwordFilePath(instanceDir);
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

export interface PasswordSetup {
  instanceDir: string;
  javaCommand: string;
  libDir: string;
  log: (line: string) => void;
}

/**
 * The password of the instance's `neo4j` user. On the first start a random one is generated, kept in
 * H/password (0600) and set with `neo4j-admin dbms set-initial-password` before the server starts.
 */
export async function ensurePassword(setup: PasswordSetup): Promise<string> {
  const existing = readPasswordFile(setup.instanceDir);
  if (isAuthInitialised(setup.instanceDir)) {
    if (existing !== undefined) return existing;
    throw new LocalNeo4jError(
      'PASSWORD_LOST',
      `Cannot start the local Neo4j: the instance folder ${setup.instanceDir} holds a database whose password file ${passwordFilePath(setup.instanceDir)} is missing, so the server could not be logged into. Restore that file, or delete the folder ${setup.instanceDir} to start over with an empty database (this deletes its data). ${ALTERNATIVES}`,
    );
  }
  const password = existing ?? generatePassword();
  writePasswordFile(setup.instanceDir, password);
  setup.log('Setting a generated password for the new local Neo4j (kept in ' + passwordFilePath(setup.instanceDir) + ').');
  const { code, output, spawnError: error } = await runAdminCommand(setup, ['dbms', 'set-initial-password', password]);
  if (error || code !== 0) {
    throw new LocalNeo4jError(
      'SET_PASSWORD_FAILED',
      `Cannot start the local Neo4j: setting its initial password with \`neo4j-admin dbms set-initial-password\` failed (${error ? error.message : `exit code ${String(code)}`}). If the jar folder ${setup.libDir} is damaged, delete it so it is resolved again. ${ALTERNATIVES}`,
      { logTail: lastLines(output.split(password).join('<password>')), logFile: 'neo4j-admin output', cause: error },
    );
  }
  return password;
}

/** Runs `neo4j-admin ARGS` with the instance's home and conf (offline commands: the server must not run). */
export function runAdminCommand(setup: Pick<PasswordSetup, 'instanceDir' | 'javaCommand' | 'libDir'>, args: string[]): Promise<RunResult> {
  const env = { ...process.env, NEO4J_HOME: setup.instanceDir, NEO4J_CONF: path.dirname(confFilePath(setup.instanceDir)) };
  return runCommand(setup.javaCommand, ['-cp', `${setup.libDir}${path.sep}*`, 'org.neo4j.server.startup.Neo4jAdminCommand', ...args], env);
}
