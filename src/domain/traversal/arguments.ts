import { MAX_ID_LENGTH } from '../model';
import { BadArgumentError } from '../errors';

/**
 * A list of ids as given by a client: trimmed of duplicates (first occurrence wins), never empty,
 * never longer than `max`, each a plausible id. Whether each id exists is checked by the one Cypher
 * statement of the field itself (see `assertAllFound` in ../entity/unknown-ids.ts).
 */
export function idList(argument: string, ids: readonly string[] | null | undefined, max: number, min = 1): string[] {
  const list = [...new Set(ids ?? [])];
  if (list.length === 0) throw new BadArgumentError(argument, `${argument} is empty; give at least ${min} id${min === 1 ? '' : 's'}.`);
  if (list.length < min) throw new BadArgumentError(argument, `${argument} has ${list.length} distinct id; give at least ${min}.`);
  if (list.length > max) throw new BadArgumentError(argument, `${argument} has ${list.length} ids; the maximum is ${max}.`);
  for (const id of list) checkId(argument, id);
  return list;
}

/** Every argument taking ids goes through here (traversals and entity lookups and filters alike). */
export function checkId(argument: string, id: string): string {
  if (id.length === 0 || id.length > MAX_ID_LENGTH) {
    throw new BadArgumentError(argument, `${argument} must hold ids of 1 to ${MAX_ID_LENGTH} characters (an id such as "als" or "HP:0002380").`);
  }
  return id;
}

/** A filter text (`nameContains`, `hasXref`): at most MAX_FILTER_TEXT_LENGTH characters. */
export function checkText(argument: string, text: string, max: number): string {
  if (text.length > max) throw new BadArgumentError(argument, `${argument} is ${text.length} characters long; the maximum is ${max}.`);
  return text;
}

/** An optional whole-number argument in [min, max], with its default. */
export function boundedInt(argument: string, value: number | null | undefined, fallback: number, max: number, min = 1): number {
  if (value === null || value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) throw new BadArgumentError(argument, `${argument} must be a whole number of at least ${min}.`);
  if (value > max) throw new BadArgumentError(argument, `${argument} is ${value}; the maximum is ${max}.`);
  return value;
}
