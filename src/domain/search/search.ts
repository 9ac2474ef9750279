import type { Database } from '../../db';
import type { EntityRecord } from '../entity/entity.types';
import { FULLTEXT_INDEX, KIND_NAMES, isKind, type Kind } from '../model';
import { boundedInt } from '../traversal/arguments';
import { entityMap, int, toEntityRecord } from '../traversal/cypher';
import { BadArgumentError } from '../errors';
import { TRAVERSAL_LIMITS } from '../traversal/limits';
import { normalizeSearchText, toLuceneQuery } from './lucene';

/** Hits read from the index per hit returned, so exact matches can be moved up. */
export const SEARCH_OVERFETCH = 4;

export interface SearchInput {
  text: string;
  kinds?: readonly string[] | null;
  first?: number | null;
}

export interface SearchHitRecord {
  entity: EntityRecord;
  /**
   * Relevance, higher is better, comparable within one answer only: Lucene's score, plus the best
   * Lucene score of the answer for an exact match (so exact matches come first).
   */
  score: number;
  /** The entity's name, aliases, xrefs, id, HPO alt ids and synonyms that contain one of the searched words. */
  matchedText: string[];
}

/**
 * One statement: the full-text index (name, aliases, xrefs, id, HPO alt ids and synonyms; see
 * FULLTEXT_PROPERTIES), best first, then the
 * kind filter, cut to a few times `first`. The query string is built by `toLuceneQuery` and passed
 * as a parameter. The API then puts exact matches first (the whole text equals the name, an alias or
 * an xref, ignoring case: `ALS` finds ALS before "Limb-onset ALS"), keeping Lucene's order otherwise.
 */
export const SEARCH_CYPHER = `
CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score
WHERE $kinds IS NULL OR node.kind IN $kinds
WITH node, score LIMIT $first
RETURN ${entityMap('node')} AS entity, coalesce(node.altIds, []) + coalesce(node.hpoSynonyms, []) AS hpoTexts, score`;

export interface SearchArguments {
  query: string;
  words: string[];
  exact: string;
  kinds: Kind[] | null;
  first: number;
}

export function searchArguments(input: SearchInput): SearchArguments {
  const first = boundedInt('first', input.first, TRAVERSAL_LIMITS.searchDefault, TRAVERSAL_LIMITS.searchMax);
  const text = typeof input.text === 'string' ? input.text : '';
  const max = TRAVERSAL_LIMITS.searchTextMax;
  if (text.length > max * 4 || normalizeSearchText(text).length > max) {
    throw new BadArgumentError('text', `text is ${text.length} characters long; the maximum is ${max}. Search for a name, an alias or an id such as MONDO:0004976.`);
  }
  let kinds: Kind[] | null = null;
  if (input.kinds !== null && input.kinds !== undefined) {
    if (input.kinds.length === 0) throw new BadArgumentError('kinds', 'kinds is empty; leave it out to search every kind.');
    const bad = input.kinds.find((k) => !isKind(k));
    if (bad !== undefined) throw new BadArgumentError('kinds', `kinds may only hold ${KIND_NAMES.join(', ')}.`);
    kinds = [...new Set(input.kinds)] as Kind[];
  }
  const lucene = toLuceneQuery(text, TRAVERSAL_LIMITS.searchTermsMax);
  if (!lucene) throw new BadArgumentError('text', 'text has no letter or digit to search for; give a name, an alias or an id.');
  return { query: lucene.query, words: lucene.words, exact: lucene.normalized.toLowerCase(), kinds, first };
}

/** What the index matched on: name, aliases, xrefs, the id, then HPO's alt ids and synonyms. */
export function searchedTexts(entity: EntityRecord, hpoTexts: readonly string[] = []): string[] {
  return [...new Set([entity.name, ...entity.aliases, ...entity.xrefs, entity.id, ...hpoTexts])];
}

export function matchedText(entity: EntityRecord, words: readonly string[], hpoTexts: readonly string[] = []): string[] {
  return searchedTexts(entity, hpoTexts).filter((value) => {
    const lower = value.toLowerCase();
    return words.some((word) => lower.includes(word));
  });
}

/** Entities whose name, aliases, xrefs, id, HPO alt ids or synonyms match the text, most relevant first. */
export async function search(db: Database, input: SearchInput): Promise<SearchHitRecord[]> {
  const { query, words, exact, kinds, first } = searchArguments(input);
  const fetch = Math.min(first * SEARCH_OVERFETCH, TRAVERSAL_LIMITS.searchMax * SEARCH_OVERFETCH);
  const rows = await db.read(SEARCH_CYPHER, { index: FULLTEXT_INDEX, query, kinds, first: int(fetch) });
  const hits = rows.map((row, position) => {
    const entity = toEntityRecord(row.entity);
    const hpoTexts = Array.isArray(row.hpoTexts) ? (row.hpoTexts as unknown[]).filter((v): v is string => typeof v === 'string') : [];
    const isExact = searchedTexts(entity, hpoTexts).some((v) => v.toLowerCase() === exact);
    return { hit: { entity, score: Number(row.score), matchedText: matchedText(entity, words, hpoTexts) }, isExact, position };
  });
  hits.sort((a, b) => Number(b.isExact) - Number(a.isExact) || a.position - b.position);
  // Keep `score` in answer order: an exact match scores above every other hit.
  const top = hits.reduce((max, h) => Math.max(max, h.hit.score), 0);
  for (const h of hits) if (h.isExact) h.hit.score += top;
  return hits.slice(0, first).map((h) => h.hit);
}
