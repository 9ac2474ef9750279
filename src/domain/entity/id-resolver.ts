/**
 * THE place where an id given by a client becomes the id of an entity. Every argument that takes
 * ids (entity lookups, list filters, traversals) goes through `resolve` before its one statement.
 *
 * Today: an HPO term id (`HP:0002380`) that the HPO import joined to an article entity is that
 * entity's `hpoId` and no node's id (docs/hpo.md, "Joining the article's entities"); it resolves to
 * the article entity (`fasciculations`). The id of an entity a curator merged into another resolves
 * to the kept entity (on a miss only). Ids that are some node's own id, and every other id, stay as
 * they are, so unknown ids keep their "no entity has the id" answers.
 *
 * Round trips: the statements that seek lists of ids (rankConditions, sharedSymptoms,
 * compareConditions: `seekAll`) match `hpoId` themselves. Single-id fields (`entity`, `neighborhood`,
 * `shortestPath`) run as asked and resolve only when an HPO-form id was not found (`retryResolved`),
 * so an id that is a node's own id costs nothing more; list filters (`where.ids`, `relatedTo`)
 * resolve HPO-form ids first (one more statement only then).
 */
import type { Database } from '../../db';
import { ENTITY_LABEL, RETIRED_LABEL } from '../model';

/** An HPO term id. */
export const HPO_TERM_ID = /^HP:\d{7}$/;

export class IdResolver {
  /** Per request: each id is looked up once. */
  private readonly known = new Map<string, string>();

  constructor(private readonly db: Database) {}

  /** The entity id for each id, in order (unchanged when nothing else is meant). */
  async resolve(ids: readonly string[], anyForm = false): Promise<string[]> {
    const wanted = [...new Set(ids.filter((id) => (anyForm || HPO_TERM_ID.test(id)) && !this.known.has(id)))];
    if (wanted.length > 0) {
      const rows = await this.db.read<{ wanted: string; id: string }>(
        `UNWIND $wanted AS wanted
         OPTIONAL MATCH (direct:${ENTITY_LABEL} {id: wanted})
         OPTIONAL MATCH (joined:${ENTITY_LABEL} {hpoId: wanted}) USING INDEX joined:${ENTITY_LABEL}(hpoId) WHERE direct IS NULL
         OPTIONAL MATCH (merged:${RETIRED_LABEL} {id: wanted}) WHERE direct IS NULL AND joined IS NULL
         RETURN wanted, coalesce(direct.id, joined.id, merged.mergedInto, wanted) AS id`,
        { wanted },
      );
      for (const row of rows) this.known.set(row.wanted, row.id);
    }
    return ids.map((id) => this.known.get(id) ?? id);
  }

  /**
   * Runs `work` with the ids as asked; when it fails with an unknown id (or finds nothing: `found`
   * false) and some asked id has HPO's form and resolves to another entity, runs it again with those.
   */
  async retryResolved<T>(ids: readonly string[], work: (ids: string[]) => Promise<T>, found: (result: T) => boolean = () => true): Promise<T> {
    let outcome: { result: T } | { error: unknown };
    try {
      const result = await work([...ids]);
      if (found(result)) return result;
      outcome = { result };
    } catch (error) {
      outcome = { error };
    }
    // Any id may be one a curator merged into another entity; only a miss pays for finding out.
    const resolved = await this.resolve(ids, true);
    if (resolved.every((id, i) => id === ids[i])) {
      if ('error' in outcome) throw outcome.error;
      return outcome.result;
    }
    return work(resolved);
  }

  async resolveOne(id: string): Promise<string> {
    const [resolved] = await this.resolve([id]);
    return resolved ?? id;
  }
}
