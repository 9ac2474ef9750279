import type { Kind } from '../../../domain/model/kinds';
import { RELATIONSHIPS, fitsKinds, type PositiveRelType } from '../../../domain/model/relationships';

/** A relationship type a curator may propose between two entities, from the server's own catalogue. */
export interface RelationshipChoice {
  type: PositiveRelType;
  description: string;
  /** Whether the statement may be negative (NOT_…). */
  negatable: boolean;
}

/**
 * The relationship types whose ends fit a subject of `subjectKind` and an object of `objectKind`
 * (the same rule the server validates with: src/domain/model/relationships.ts).
 */
export function relationshipChoices(subjectKind: string, objectKind: string): RelationshipChoice[] {
  return (Object.keys(RELATIONSHIPS) as PositiveRelType[])
    .filter((type) => fitsKinds(type, subjectKind as Kind, objectKind as Kind))
    .map((type) => ({ type, description: RELATIONSHIPS[type].description, negatable: RELATIONSHIPS[type].negatable }));
}
