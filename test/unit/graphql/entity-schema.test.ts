import { getNamedType, isEnumType, isLeafType, isObjectType } from 'graphql';
import { RELATION_FIELDS } from '../../../src/domain/model';
import { KIND_NAMES } from '../../../src/domain/model';
import { isEntityProperty } from '../../../src/domain/projection/plan';
import { entityResolvers } from '../../../src/graphql/resolvers/entities';
import { curationResolvers } from '../../../src/graphql/resolvers/curation';
import { curatedEntityFields } from '../../../src/graphql/resolvers/curation/entity-fields';
import { entitySchema } from './selection/plan-harness';

const schema = entitySchema();

describe('the entity schema', () => {
  it('has one GraphQL type implementing Entity per kind of the data model, and EntityKind lists them all', () => {
    const entity = schema.getType('Entity');
    const kinds = schema.getType('EntityKind');
    if (!entity || !('getFields' in entity) || !isEnumType(kinds)) throw new Error('Entity or EntityKind missing');
    for (const kind of KIND_NAMES) {
      const type = schema.getType(kind);
      expect(isObjectType(type) && type.getInterfaces().map((i) => i.name)).toEqual(['Entity']);
    }
    expect(kinds.getValues().map((value) => value.name).sort()).toEqual([...KIND_NAMES].sort());
  });

  it('maps every relationship field of every kind to the model, and resolves it', () => {
    for (const kind of KIND_NAMES) {
      const type = schema.getType(kind);
      if (!isObjectType(type)) throw new Error(`${kind} is not an object type`);
      const resolvers = (entityResolvers as Record<string, Record<string, unknown> | undefined>)[kind] ?? {};
      for (const field of Object.values(type.getFields())) {
        if (isEntityProperty(field.name) && isLeafType(getNamedType(field.type))) continue;
        if (kind === 'Fact' && field.name === 'evidence') {
          expect(resolvers['evidence']).toBeDefined();
          continue;
        }
        // A Source's stored text, read apart from its properties (capped; see Source.text).
        if (kind === 'Source' && ['text', 'textLength', 'citedIn'].includes(field.name)) {
          expect(`${kind}.${field.name} ${resolvers[field.name] ? 'has' : 'has NO'} resolver`).toBe(`${kind}.${field.name} has resolver`);
          continue;
        }
        // Curation's fields on every entity (version, history, retirement), resolved by curation's resolvers.
        if (Object.prototype.hasOwnProperty.call(curatedEntityFields, field.name)) {
          expect(`${kind}.${field.name} ${resolvers[field.name] ? 'has' : 'has NO'} resolver`).toBe(`${kind}.${field.name} has resolver`);
          continue;
        }
        const base = field.name === 'parent' ? 'parents' : field.name.replace(/Connection$/, '');
        const known = field.name === 'sources' || field.name === 'statements' || Object.prototype.hasOwnProperty.call(RELATION_FIELDS[kind], base);
        expect(`${kind}.${field.name} ${known ? 'is' : 'is NOT'} a model relationship`).toBe(`${kind}.${field.name} is a model relationship`);
        expect(`${kind}.${field.name} ${resolvers[field.name] ? 'has' : 'has NO'} resolver`).toBe(`${kind}.${field.name} has resolver`);
      }
    }
  });

  it('resolves every root lookup and list field it declares', () => {
    const query = schema.getQueryType();
    const curations = new Set(Object.keys(curationResolvers.Query)); // curation.graphql's own root fields
    const declared = Object.keys(query?.getFields() ?? {}).filter((name) => name !== '_unused' && !curations.has(name));
    expect(Object.keys(entityResolvers.Query).sort()).toEqual(declared.sort());
  });
});
