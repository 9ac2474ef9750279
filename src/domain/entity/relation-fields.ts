/**
 * Relationship fields per entity kind, derived from the data model: the forward field of a
 * relationship type on each of its subject kinds, the inverse field on each of its object kinds
 * (Condition.symptoms = HAS_SYMPTOM out; Symptom.conditions = HAS_SYMPTOM in). The API's
 * relationship fields are exactly these (plus `parent`, `sources` and the ...Connection variants).
 */
import { KIND_NAMES, RELATIONSHIPS, fitsKinds, type Kind, type PositiveRelType } from '../model';

export type Direction = 'out' | 'in';

export interface RelationField {
  /** The field name on the kind, e.g. `symptoms`. */
  readonly field: string;
  readonly type: PositiveRelType;
  /** `out`: this node is the subject; `in`: this node is the object. */
  readonly direction: Direction;
  /** Kinds at the other end. */
  readonly targets: readonly Kind[];
  readonly negatable: boolean;
}

function derive(): Record<Kind, Record<string, RelationField>> {
  const table = Object.fromEntries(KIND_NAMES.map((kind) => [kind, {}])) as Record<Kind, Record<string, RelationField>>;
  const add = (kind: Kind, entry: RelationField) => {
    const existing = table[kind][entry.field];
    if (existing) {
      throw new Error(`Relationship field ${kind}.${entry.field} is defined twice (${existing.type}, ${entry.type})`);
    }
    table[kind][entry.field] = entry;
  };
  for (const type of Object.keys(RELATIONSHIPS) as PositiveRelType[]) {
    const spec = RELATIONSHIPS[type];
    const subjects = spec.subjects as readonly Kind[];
    const objects = spec.objects as readonly Kind[];
    for (const subject of subjects) {
      const targets = objects.filter((object) => fitsKinds(type, subject, object));
      add(subject, { field: spec.forwardField, type, direction: 'out', targets, negatable: spec.negatable });
    }
    for (const object of objects) {
      const targets = subjects.filter((subject) => fitsKinds(type, subject, object));
      add(object, { field: spec.inverseField, type, direction: 'in', targets, negatable: spec.negatable });
    }
  }
  return table;
}

export const RELATION_FIELDS: Readonly<Record<Kind, Readonly<Record<string, RelationField>>>> = derive();

export function relationField(kind: Kind, field: string): RelationField | undefined {
  return Object.prototype.hasOwnProperty.call(RELATION_FIELDS[kind], field) ? RELATION_FIELDS[kind][field] : undefined;
}
