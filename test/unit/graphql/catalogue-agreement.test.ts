import { buildSchema, getNamedType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import {
  KIND_NAMES,
  connectionFieldName,
  connectionTypeName,
  edgeTypeName,
  relationFieldsOf,
  type Kind,
  type RelationField,
} from '../../../src/domain/model';
import { ENTITY_PROPERTIES } from '../../../src/domain/projection/plan';
import { entityResolvers } from '../../../src/graphql/resolvers/entities';
import { loadTypeDefs } from '../../../src/graphql/schema';

/** Fields of an entity type that are not relationship fields of the catalogue (Source's text fields: issue 13's spans; curation's history and retirement). */
const OWN_FIELDS = new Set<string>([...ENTITY_PROPERTIES, 'parent', 'sources', 'statements', 'evidence', 'text', 'textLength', 'citedIn', 'history', 'retirement']);

function objectType(schema: GraphQLSchema, name: string): GraphQLObjectType | undefined {
  const type = schema.getType(name);
  return isObjectType(type) ? type : undefined;
}

/** The kinds a field's item type can hold (an object type, or every implementation of an interface). */
function kindsOf(schema: GraphQLSchema, typeName: string): string[] {
  const type = schema.getType(typeName);
  if (!type) return [];
  return isObjectType(type) ? [type.name] : 'getFields' in type ? schema.getPossibleTypes(type as never).map((t) => t.name) : [];
}

/**
 * Where the SDL and the catalogue disagree, in words: a catalogue field missing at one of its ends
 * (list field, ...Connection field with first/after and `negated` exactly where negatable, its
 * Connection and Edge types, an item type holding every kind at the other end), or an SDL
 * relationship field, Connection or Edge type the catalogue does not define.
 */
function disagreements(schema: GraphQLSchema, fieldsOf: (kind: Kind) => readonly RelationField[]): string[] {
  const out: string[] = [];
  const expectedTypes = new Set<string>();
  for (const kind of KIND_NAMES) {
    const type = objectType(schema, kind);
    if (!type) {
      out.push(`no type ${kind}`);
      continue;
    }
    const fields = type.getFields();
    const catalogue = new Map(fieldsOf(kind).map((entry) => [entry.field, entry]));
    for (const entry of catalogue.values()) {
      const where = `${kind}.${entry.field} (${entry.type} ${entry.direction})`;
      const list = fields[entry.field];
      if (!list) {
        out.push(`${where}: no list field`);
        continue;
      }
      const item = getNamedType(list.type).name;
      const missingKinds = entry.targets.filter((target) => !kindsOf(schema, item).includes(target));
      if (missingKinds.length > 0) out.push(`${where}: item type ${item} cannot hold ${missingKinds.join(', ')}`);
      const connectionName = connectionFieldName(entry.field);
      const connection = fields[connectionName];
      const typeName = connectionTypeName(kind, entry.field);
      const edgeName = edgeTypeName(kind, entry.field);
      expectedTypes.add(typeName);
      expectedTypes.add(edgeName);
      if (!connection) {
        out.push(`${where}: no ${connectionName}`);
        continue;
      }
      if (getNamedType(connection.type).name !== typeName) out.push(`${where}: ${connectionName} is not a ${typeName}`);
      const args = connection.args.map((arg) => arg.name);
      for (const arg of ['first', 'after']) if (!args.includes(arg)) out.push(`${where}: ${connectionName} has no \`${arg}\``);
      if (entry.negatable !== args.includes('negated')) {
        out.push(`${where}: ${connectionName} ${entry.negatable ? 'lacks' : 'has'} \`negated\` but the type is ${entry.negatable ? '' : 'not '}negatable`);
      }
      const edge = objectType(schema, edgeName);
      const node = edge?.getFields()['node'];
      if (!edge || !node || !edge.getFields()['evidence']) out.push(`${where}: no ${edgeName} with node and evidence`);
      else if (getNamedType(node.type).name !== item) out.push(`${where}: ${edgeName}.node is ${getNamedType(node.type).name}, the list holds ${item}`);
    }
    for (const name of Object.keys(fields)) {
      const base = name.endsWith('Connection') ? name.slice(0, -'Connection'.length) : name;
      if (OWN_FIELDS.has(name) || base === 'specialists' && catalogue.has(base)) continue;
      if (!catalogue.has(base)) out.push(`${kind}.${name}: a relationship field the catalogue does not define`);
    }
  }
  // A <Kind><Field>Connection / <Kind><Field>Edge type (other Connection types, e.g. the root lists'
  // ConditionConnection or curation's ChangeConnection, are not relationship types).
  const relationshipType = new RegExp(`^(${KIND_NAMES.join('|')})[A-Z]\\w*(Connection|Edge)$`);
  for (const name of Object.keys(schema.getTypeMap())) {
    if (relationshipType.test(name) && !expectedTypes.has(name)) out.push(`type ${name}: a relationship Connection/Edge the catalogue does not define`);
  }
  return out;
}

const schema = buildSchema(loadTypeDefs());

describe('the relationship catalogue and the SDL', () => {
  it('agree: every catalogue field exists at both ends with its Connection, evidence and negated where negatable, and nothing else', () => {
    expect(disagreements(schema, relationFieldsOf)).toEqual([]);
  });

  it('disagree, and say where, when the catalogue has an entry the SDL lacks', () => {
    const extra: RelationField = { field: 'mimics', type: 'CAUSES', direction: 'out', targets: ['Condition'], negatable: true, predicate: 'biolink:related_to' };
    const withExtra = (kind: Kind) => (kind === 'Condition' ? [...relationFieldsOf(kind), extra] : relationFieldsOf(kind));
    expect(disagreements(schema, withExtra)).toEqual(['Condition.mimics (CAUSES out): no list field']);
  });

  it('disagree when the SDL has a relationship field the catalogue lacks, or negated where the type is not negatable', () => {
    const without = (kind: Kind) => relationFieldsOf(kind).filter((entry) => !(kind === 'Symptom' && entry.field === 'relievedBy'));
    expect(disagreements(schema, without)).toEqual(
      expect.arrayContaining(['Symptom.relievedBy: a relationship field the catalogue does not define', 'type SymptomRelievedByConnection: a relationship Connection/Edge the catalogue does not define']),
    );
    const notNegatable = (kind: Kind) => relationFieldsOf(kind).map((entry) => (entry.type === 'HAS_SYMPTOM' ? { ...entry, negatable: false } : entry));
    expect(disagreements(schema, notNegatable)).toContain('Condition.symptoms (HAS_SYMPTOM out): symptomsConnection has `negated` but the type is not negatable');
  });

  it('resolves every relationship field, Connection and Edge type the catalogue defines', () => {
    const resolvers = entityResolvers as unknown as Record<string, Record<string, unknown> | undefined>;
    const missing: string[] = [];
    for (const kind of KIND_NAMES) {
      for (const { field } of relationFieldsOf(kind)) {
        for (const name of [field, connectionFieldName(field)]) if (!resolvers[kind]?.[name]) missing.push(`${kind}.${name}`);
        for (const name of [connectionTypeName(kind, field), edgeTypeName(kind, field)]) if (!resolvers[name]) missing.push(name);
      }
    }
    expect(missing).toEqual([]);
  });
});
