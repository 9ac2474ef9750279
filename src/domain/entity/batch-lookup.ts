/**
 * Batch lookup (`lookup(ids:)`): up to LOOKUP_MAX_IDS ids, CURIEs, HPO ids, HPO alt ids or xrefs,
 * answered in input order in ONE statement. Each input is tried as an entity id (unique index seek);
 * otherwise the full-text index finds the candidates that carry it as a phrase and the exact match is
 * kept: the HPO id first, then an HPO alt id, then an xref (several entities may share an xref:
 * the first by id is answered and `candidates` says how many matched).
 */
import type { Database } from '../../db';
import { ENTITY_LABEL, FULLTEXT_INDEX, RETIRED_LABEL } from '../model';
import { CypherParams } from '../projection/params';
import type { NodePlan } from '../projection/plan';
import { entityProjection, restoreEntity } from '../projection/projection';
import { escapeLucene } from '../search/lucene';
import { BadArgumentError } from '../errors';
import { idSeek } from './entity.query';
import type { EntityRecord } from './entity.types';

export const LOOKUP_MAX_IDS = 1_000;
export const LOOKUP_MAX_ID_LENGTH = 200;
/** Full-text candidates examined per input that is not an entity id. */
const CANDIDATES = 25;

export type LookupMatch = 'ID' | 'MERGED' | 'HPO_ID' | 'ALT_ID' | 'XREF';
const MATCHES: readonly LookupMatch[] = ['HPO_ID', 'ALT_ID', 'XREF'];

export interface LookupResultRecord {
  input: string;
  entity: EntityRecord | null;
  matchedBy: LookupMatch | null;
  candidates: number;
}

export interface LookupRecord {
  results: LookupResultRecord[];
  unresolved: string[];
}

/** The Lucene phrase query for one input (null when it holds no letter or digit to search for). */
export function lookupPhrase(input: string): string | null {
  return /[\p{L}\p{N}]/u.test(input) ? `"${escapeLucene(input)}"` : null;
}

export function lookupQuery(ids: readonly string[], plan: NodePlan): { cypher: string; params: Record<string, unknown> } {
  const params = new CypherParams();
  const idsParam = params.add([...ids]);
  const phrases = params.add(ids.map(lookupPhrase));
  const index = params.add(FULLTEXT_INDEX);
  const limit = params.int(CANDIDATES);
  const cypher = `
UNWIND range(0, size(${idsParam}) - 1) AS i
WITH i, ${idsParam}[i] AS input, ${phrases}[i] AS phrase
OPTIONAL MATCH (direct:${ENTITY_LABEL} {id: input}) ${idSeek('direct')}
OPTIONAL MATCH (gone:${RETIRED_LABEL} {id: input}) WHERE direct IS NULL
OPTIONAL MATCH (kept:${ENTITY_LABEL} {id: gone.mergedInto})
WITH i, input, phrase, coalesce(direct, kept) AS byId, CASE WHEN direct IS NULL AND kept IS NOT NULL THEN -2 ELSE -1 END AS idRank
CALL (input, phrase, byId) {
  WITH input, phrase WHERE byId IS NULL AND phrase IS NOT NULL
  CALL db.index.fulltext.queryNodes(${index}, phrase, {limit: ${limit}}) YIELD node
  WITH node, CASE WHEN node.hpoId = input THEN 0 WHEN input IN coalesce(node.altIds, []) THEN 1 WHEN input IN coalesce(node.xrefs, []) THEN 2 END AS rank
  WHERE rank IS NOT NULL
  WITH node, rank ORDER BY rank, node.id
  RETURN collect(node)[0] AS other, collect(rank)[0] AS otherRank, count(node) AS others
}
WITH i, input, coalesce(byId, other) AS n, CASE WHEN byId IS NOT NULL THEN idRank ELSE otherRank END AS rank,
     CASE WHEN byId IS NOT NULL THEN 1 ELSE others END AS candidates
RETURN input, rank, candidates, CASE WHEN n IS NULL THEN null ELSE ${entityProjection('n', plan, params)} END AS node
ORDER BY i`;
  return { cypher, params: params.values };
}

export function checkedLookupIds(ids: readonly string[]): readonly string[] {
  if (ids.length > LOOKUP_MAX_IDS) throw new BadArgumentError('ids', `ids may hold at most ${LOOKUP_MAX_IDS} entries; got ${ids.length}. Split the list.`);
  const long = ids.findIndex((id) => id.length > LOOKUP_MAX_ID_LENGTH);
  if (long >= 0) throw new BadArgumentError('ids', `ids[${long}] is ${ids[long]?.length} characters long; an id, CURIE or xref has at most ${LOOKUP_MAX_ID_LENGTH}.`);
  return ids;
}

export async function lookupEntities(db: Database, ids: readonly string[], plan: NodePlan): Promise<LookupRecord> {
  if (checkedLookupIds(ids).length === 0) return { results: [], unresolved: [] };
  const { cypher, params } = lookupQuery(ids, plan);
  const rows = await db.read<{ input: string; rank: number | null; candidates: number; node: EntityRecord | null }>(cypher, params);
  for (const row of rows) restoreEntity(plan, row.node);
  const results = rows.map((row) => ({
    input: row.input,
    entity: row.node,
    matchedBy: row.node === null ? null : row.rank === -1 ? 'ID' : row.rank === -2 ? 'MERGED' : (MATCHES[row.rank ?? 2] ?? 'XREF'),
    candidates: row.node === null ? 0 : row.candidates,
  })) satisfies LookupResultRecord[];
  return { results, unresolved: results.filter((r) => r.entity === null).map((r) => r.input) };
}
