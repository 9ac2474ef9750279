import type { Database } from '../../db';
import { ENTITY_LABEL, FULLTEXT_INDEX, FULLTEXT_PROPERTIES } from '../model';

/** The full-text index as the model wants it (label and properties), to compare with the database's. */
export function fulltextIndexIsCurrent(labels: readonly string[] | null | undefined, properties: readonly string[] | null | undefined): boolean {
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\0') === [...b].sort().join('\0');
  return same(labels ?? [], [ENTITY_LABEL]) && same(properties ?? [], FULLTEXT_PROPERTIES);
}

/**
 * `CREATE FULLTEXT INDEX ... IF NOT EXISTS` keeps an index of the same name whatever its properties,
 * so a database created before FULLTEXT_PROPERTIES changed (e.g. before `altIds` and `id` were
 * added) would keep searching the old properties. Called by `ensureSchema` before the CREATE
 * statements: drops the index when its label or properties differ from the model's, so that the
 * CREATE that follows builds it anew (Neo4j then populates it in the background; ensureSchema waits
 * for it). Returns whether it dropped the index.
 */
export async function dropStaleFulltextIndex(db: Database): Promise<boolean> {
  const rows = await db.read<{ labels: string[] | null; properties: string[] | null }>(
    'SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties WHERE name = $name RETURN labelsOrTypes AS labels, properties',
    { name: FULLTEXT_INDEX },
  );
  const current = rows[0];
  if (!current || fulltextIndexIsCurrent(current.labels, current.properties)) return false;
  await db.schema(`DROP INDEX ${FULLTEXT_INDEX} IF EXISTS`);
  return true;
}
