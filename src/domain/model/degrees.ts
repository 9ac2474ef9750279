/**
 * When a count of neighbours may be read from relationship degrees instead of visiting the neighbours.
 *
 * What the catalogue guarantees of every stored relationship: it fits the catalogue (the one validation
 * path checks both ends' kinds on every load, import and curation change), it joins two live entities
 * (retracting an entity deletes its relationships, merging moves them), and a pair holds at most one
 * relationship of a type in one direction (its id is `subject|TYPE|object`, MERGEd). Hence:
 * - the relationships of one type in one direction ("an arm") reach distinct neighbours, all of the
 *   kinds the catalogue allows at that end: counting every such kind is the degree, no label test;
 * - two arms can reach the same neighbour only if the kinds they count overlap, so the distinct
 *   neighbours over several arms are the sum over arms of those no earlier overlapping arm reaches.
 */
import { KIND_NAMES, type Kind } from './kinds';
import type { Direction } from './relation-fields';
import { POSITIVE_REL_TYPES, fitsKinds, type PositiveRelType } from './relationships';

export interface Arm {
  readonly type: PositiveRelType;
  /** Seen from the counted entity: `out` when it is the subject. */
  readonly direction: Direction;
}

export interface CountArm extends Arm {
  /** Kinds to count at the far end; null when they are every kind that may be there (the degree). */
  readonly labels: readonly Kind[] | null;
  /** Earlier arms that may reach the same neighbour: a neighbour one of them reaches is not counted again. */
  readonly excluding: readonly Arm[];
}

/** The kinds the catalogue allows at the far end of `type` in `direction` from entities of `kinds`. */
export function farEndKinds(type: PositiveRelType, direction: Direction, kinds: readonly Kind[]): Kind[] {
  return KIND_NAMES.filter((far) => kinds.some((near) => (direction === 'out' ? fitsKinds(type, near, far) : fitsKinds(type, far, near))));
}

/**
 * The arms over which to count the distinct neighbours of an entity of one of `kinds` (every kind when
 * empty) that are linked to it by any positive relationship, either direction, and are of `related`
 * kinds (any kind when null): what `orderBy: RELATED_COUNT` counts.
 */
export function neighbourCountArms(kinds: readonly Kind[], related: readonly Kind[] | null): CountArm[] {
  const near = kinds.length > 0 ? kinds : KIND_NAMES;
  const arms: (CountArm & { counted: readonly Kind[] })[] = [];
  for (const type of POSITIVE_REL_TYPES) {
    for (const direction of ['out', 'in'] as const) {
      const far = farEndKinds(type, direction, near);
      const counted = related ? far.filter((kind) => related.includes(kind)) : far;
      if (counted.length === 0) continue;
      const excluding = arms
        .filter((arm) => arm.counted.some((kind) => counted.includes(kind)))
        .map((arm) => ({ type: arm.type, direction: arm.direction }));
      arms.push({ type, direction, labels: counted.length === far.length ? null : counted, excluding, counted });
    }
  }
  return arms.map(({ counted: _counted, ...arm }) => arm);
}
