/** Entity ids and the article's sources. */

/** Our own ids: lowercase kebab-case. */
export const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Ids of imported entities may be CURIEs (HP:0002380, OMIM:105400, PMID:123). */
export const CURIE = /^[A-Za-z][A-Za-z0-9_.-]*:[^\s|]+$/;

export function isEntityId(value: string): boolean {
  return KEBAB_ID.test(value) || CURIE.test(value);
}

/** The article itself, cited where it states something without a numbered reference. */
export const ARTICLE_SOURCE_ID = 'article';
/** Sources whose quotes must be found verbatim in the article text (the article and its refs). */
export function isArticleSource(sourceId: string): boolean {
  return sourceId === ARTICLE_SOURCE_ID || /^ref-[1-9][0-9]*$/.test(sourceId);
}

