import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db';
import { PROJECT_ROOT } from '../../config';

export interface ServerInfoRecord {
  version: string;
  neo4jVersion: string;
  neo4jEdition: string;
}

const NEO4J_COMPONENTS = /* cypher */ `
  CALL dbms.components() YIELD name, versions, edition
  WHERE name = 'Neo4j Kernel'
  RETURN versions[0] AS version, edition`;

export const PACKAGE_VERSION: string = (
  JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

export async function readServerInfo(db: Database): Promise<ServerInfoRecord> {
  const [row] = await db.read<{ version: string; edition: string }>(NEO4J_COMPONENTS);
  return { version: PACKAGE_VERSION, neo4jVersion: row?.version ?? 'unknown', neo4jEdition: row?.edition ?? 'unknown' };
}
