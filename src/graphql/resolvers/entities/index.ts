import type { ConnectionRecord } from '../../../domain/entity/entity.types';
import type { Resolvers } from '../../resolvers-types.generated';
import {
  connectionField,
  connectionResolvers,
  edgeResolvers,
  evidenceResolvers,
  factEvidence,
  sourceTextResolvers,
  textSpanResolvers,
  listField,
  pageInfoResolvers,
  rootEdgeResolvers,
  singleField,
  routeHopResolvers,
  routedEdgeResolvers,
  statementEdgeResolvers,
} from './fields';
import { list, lookup } from './query';
import { curatedEntityFields, statementsField } from '../curation/entity-fields';
import { KIND_NAMES, connectionFieldName, connectionTypeName, edgeTypeName, relationFieldsOf, routesOf, type Kind } from '../../../domain/model';

/** The root lists' ...Connection and ...Edge types (one pair per kind, and Entity). */
const rootConnections = Object.fromEntries(
  ['Entity', ...KIND_NAMES].flatMap((name) => [
    [`${name}Connection`, connectionResolvers],
    [`${name}Edge`, rootEdgeResolvers],
  ]),
);

type FieldResolvers = Record<string, unknown>;

/**
 * Every relationship field of every kind, its ...Connection field and the Connection and Edge types
 * behind it, derived from the relationship catalogue (never listed by hand): a new RELATIONSHIPS entry
 * is resolved as soon as its SDL lines exist. `parent` goes with `parents`, `sources` with any
 * relationship field; `statements` on every kind.
 */
function relationshipResolvers(): { kinds: Record<Kind, FieldResolvers>; types: Record<string, FieldResolvers> } {
  const kinds = {} as Record<Kind, FieldResolvers>;
  const types: Record<string, FieldResolvers> = {};
  for (const kind of KIND_NAMES) {
    const fields: FieldResolvers = {};
    for (const { field } of relationFieldsOf(kind)) {
      fields[field] = listField;
      fields[connectionFieldName(field)] = connectionField;
      types[connectionTypeName(kind, field)] = connectionResolvers;
      types[edgeTypeName(kind, field)] = routesOf(kind, field) ? routedEdgeResolvers : edgeResolvers;
    }
    if ('parents' in fields) fields['parent'] = singleField;
    if (Object.keys(fields).length > 0) fields['sources'] = listField;
    Object.assign(fields, curatedEntityFields);
    fields['statements'] = statementsField;
    kinds[kind] = fields;
  }
  types['StatementConnection'] = { ...connectionResolvers, edges: (connection: ConnectionRecord) => [...connectionResolvers.edges(connection), ...(connection.__proposed ?? [])] };
  types['StatementEdge'] = statementEdgeResolvers;
  types['RouteHop'] = routeHopResolvers;
  return { kinds, types };
}

const relationships = relationshipResolvers();

/** Entities: root lookups and lists, relationship fields, evidence and paging. */
export const entityResolvers = {
  Query: {
    entity: lookup(null),
    condition: lookup('Condition'),
    symptom: lookup('Symptom'),
    trigger: lookup('Trigger'),
    treatment: lookup('Treatment'),
    source: lookup('Source'),
    bodyRegion: lookup('BodyRegion'),
    diagnosticStep: lookup('DiagnosticStep'),
    specialist: lookup('Specialist'),
    mechanism: lookup('Mechanism'),
    fact: lookup('Fact'),
    entities: list(null),
    conditions: list('Condition'),
    symptoms: list('Symptom'),
    triggers: list('Trigger'),
    treatments: list('Treatment'),
    sources: list('Source'),
    bodyRegions: list('BodyRegion'),
    diagnosticSteps: list('DiagnosticStep'),
    specialists: list('Specialist'),
    mechanisms: list('Mechanism'),
    facts: list('Fact'),
  },
  Entity: {
    __resolveType: (entity) => entity.kind,
  },
  ...(relationships.kinds as Pick<Resolvers, Exclude<Kind, 'Fact'>>),
  Fact: {
    ...relationships.kinds.Fact,
    negated: (fact) => fact.negated ?? false,
    evidence: factEvidence,
  },
  Source: { ...relationships.kinds.Source, ...sourceTextResolvers },
  Evidence: evidenceResolvers,
  TextSpan: textSpanResolvers,
  PageInfo: pageInfoResolvers,
  ...(rootConnections as Pick<Resolvers, `${Kind | 'Entity'}Connection` | `${Kind | 'Entity'}Edge`>),
  ...relationships.types,
} satisfies Resolvers;
