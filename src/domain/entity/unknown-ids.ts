/**
 * The error for ids a field did not find, with hints that point at the answer: an id of another kind,
 * an HPO id on a graph without the HPO (and how to load it), the entity that carries the id as an
 * xref, or the id of an entity whose name or alias was given instead of its id. Runs only on the error
 * path: one extra statement when a client's id is unknown, never on a successful answer.
 */
import type { Database } from '../../db';
import { BadArgumentError, quoteId, type IdSuggestion } from '../errors';
import { ENTITY_LABEL } from '../model';

const SHOWN = 5;
const HPO_ID = /^HP:\d{7}$/;

/** Per given id: its kind when it exists (as another kind), entities carrying it as xref, by name, by alias; and whether any HPO term is stored. */
const HINTS = `
UNWIND $ids AS given
RETURN given,
  COLLECT { MATCH (n:${ENTITY_LABEL} {id: given}) RETURN n.kind } AS kinds,
  COLLECT { MATCH (n:${ENTITY_LABEL}) WHERE given IN n.xrefs WITH n ORDER BY n.id LIMIT 3 RETURN n { .id, .name } } AS carriers,
  COLLECT { MATCH (n:${ENTITY_LABEL}) WHERE toLower(n.name) = toLower(given) WITH n ORDER BY n.id LIMIT 3 RETURN n { .id, .name } } AS named,
  COLLECT { MATCH (n:${ENTITY_LABEL}) WHERE any(a IN n.aliases WHERE toLower(a) = toLower(given)) WITH n ORDER BY n.id LIMIT 3 RETURN n { .id, .name } } AS aliased,
  EXISTS { MATCH (h:${ENTITY_LABEL}) WHERE h.id STARTS WITH 'HP:' } AS hpoLoaded`;

type HintRow = {
  given: string;
  kinds: string[];
  carriers: { id: string; name: string }[];
  named: { id: string; name: string }[];
  aliased: { id: string; name: string }[];
  hpoLoaded: boolean;
};

/**
 * Throws a BAD_USER_INPUT naming the ids of `wanted` the field's statement did not find (as `kind`,
 * or as any entity when `kind` is null), each with what the graph knows about it.
 */
export async function assertAllFound(db: Database, argument: string, wanted: readonly string[], found: readonly string[], kind: string | null): Promise<void> {
  const have = new Set(found);
  const missing = wanted.filter((id) => !have.has(id));
  if (missing.length > 0) throw await unknownIdsError(db, argument, missing, kind);
}

export async function unknownIdsError(db: Database, argument: string, missing: readonly string[], kind: string | null): Promise<BadArgumentError> {
  const shown = missing.slice(0, SHOWN);
  const rows = await db.read<HintRow>(HINTS, { ids: shown });
  const what = kind ?? 'entity';
  const hints: string[] = [];
  const suggestions: IdSuggestion[] = [];
  let hpoHint = false;
  for (const row of rows) {
    const given = quoteId(row.given);
    const otherKind = row.kinds.find((found) => found !== kind);
    if (kind && otherKind) hints.push(`${given} is a ${otherKind}, not a ${kind}.`);
    if (HPO_ID.test(row.given) && !row.hpoLoaded && !hpoHint) {
      hpoHint = true;
      hints.push(
        'HPO ids (HP:…) need the Human Phenotype Ontology, which this graph does not hold: load it with `npm run import:hpo -- PATH` (docs/hpo.md).',
      );
    }
    for (const carrier of row.carriers) {
      hints.push(`${quoteId(carrier.id)} (${carrier.name}) carries ${row.given.slice(0, 60)} as an xref: use the id ${quoteId(carrier.id)}.`);
      suggestions.push({ given: row.given, id: carrier.id, name: carrier.name, because: 'xref' });
    }
    for (const [list, because] of [
      [row.named, 'name'],
      [row.aliased, 'alias'],
    ] as const) {
      for (const entity of list) {
        if (suggestions.some((s) => s.given === row.given && s.id === entity.id)) continue;
        hints.push(`${given} is ${because === 'name' ? 'the name' : 'an alias'} of ${quoteId(entity.id)}: use its id ${quoteId(entity.id)}.`);
        suggestions.push({ given: row.given, id: entity.id, name: entity.name, because });
      }
    }
  }
  const list = shown.map(quoteId).join(', ');
  const more = missing.length > SHOWN ? ` and ${missing.length - SHOWN} more` : '';
  const search = `find the right id with search(text: ...${kind ? `, kinds: [${kind}]` : ''}).`;
  const advice = hints.length > 0 ? `${hints.join(' ')} Otherwise ${search}` : `Remove ${missing.length === 1 ? 'it' : 'them'}, or ${search}`;
  return new BadArgumentError(argument, `${argument}: no ${what} has the id ${list}${more}. ${advice}`, suggestions);
}
