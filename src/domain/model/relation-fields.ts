/**
 * The API's view of the relationship catalogue, derived from RELATIONSHIPS and nothing else: the
 * relationship fields of each kind (the forward field of a type on each of its subject kinds, the
 * inverse field on each of its object kinds: Condition.symptoms = HAS_SYMPTOM out, Symptom.conditions =
 * HAS_SYMPTOM in), the names of their ...Connection fields and types, and plain lookups (ends,
 * negatable, field names) for any code that validates or lists relationships (the resolver maps, the
 * selection planner, curation). Adding a relationship is one RELATIONSHIPS entry plus its SDL lines;
 * test/unit/graphql/catalogue-agreement.test.ts fails until both agree.
 */
import { KIND_NAMES, type Kind } from './kinds';
import { RELATIONSHIPS, fitsKinds, isRelType, relationshipType, type PositiveRelType } from './relationships';

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
  readonly predicate: string;
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
    const common = { type, negatable: spec.negatable, predicate: spec.predicate };
    for (const subject of subjects) {
      const targets = objects.filter((object) => fitsKinds(type, subject, object));
      add(subject, { ...common, field: spec.forwardField, direction: 'out', targets });
    }
    for (const object of objects) {
      const targets = subjects.filter((subject) => fitsKinds(type, subject, object));
      add(object, { ...common, field: spec.inverseField, direction: 'in', targets });
    }
  }
  return table;
}

export const RELATION_FIELDS: Readonly<Record<Kind, Readonly<Record<string, RelationField>>>> = derive();

export function relationField(kind: Kind, field: string): RelationField | undefined {
  return Object.prototype.hasOwnProperty.call(RELATION_FIELDS[kind], field) ? RELATION_FIELDS[kind][field] : undefined;
}

/** Every relationship field of a kind, in catalogue order. */
export function relationFieldsOf(kind: Kind): readonly RelationField[] {
  return Object.values(RELATION_FIELDS[kind]);
}

/** `symptoms` → `symptomsConnection`. */
export function connectionFieldName(field: string): string {
  return `${field}Connection`;
}

function capitalized(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The SDL type of `Condition.symptomsConnection`: `ConditionSymptomsConnection`. */
export function connectionTypeName(kind: Kind, field: string): string {
  return `${kind}${capitalized(field)}Connection`;
}

/** The SDL type of the edges of `Condition.symptomsConnection`: `ConditionSymptomsEdge`. */
export function edgeTypeName(kind: Kind, field: string): string {
  return `${kind}${capitalized(field)}Edge`;
}

/** The kinds a relationship type (positive or NOT_) joins. */
export function relationshipEnds(type: string): { readonly subjects: readonly Kind[]; readonly objects: readonly Kind[] } {
  const { spec } = relationshipType(type);
  return { subjects: spec.subjects, objects: spec.objects };
}

/** Whether `NOT_<type>` statements exist for this type. */
export function isNegatable(type: string): boolean {
  return isRelType(type) && relationshipType(type).spec.negatable;
}

/** The field naming the other end at the subject (`forward`) and at the object (`inverse`). */
export function relationshipFieldNames(type: string): { readonly forward: string; readonly inverse: string } {
  const { spec } = relationshipType(type);
  return { forward: spec.forwardField, inverse: spec.inverseField };
}

/** The field at one end of a statement: `causes` for the subject of CAUSES, `causedBy` for its object. */
export function fieldAtEnd(type: string, direction: Direction): string {
  const names = relationshipFieldNames(type);
  return direction === 'out' ? names.forward : names.inverse;
}
