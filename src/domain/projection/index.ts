/**
 * Fetching an entity and everything selected below it in one Cypher statement. For a traversal that
 * returns entities: `const params = new CypherParams(); const proj = entityProjection('n', planFor(info, ['nodes']), params);`
 * and splice `proj` into its RETURN (variables it declares end in `__<n>`; params are `$p__<n>`,
 * merge `params.values` into the statement's parameters). Pass each record it returns to
 * `restoreEntity(plan, record)`: the record then carries `__prefetched`, which the entity field
 * resolvers read instead of asking the DataLoader.
 */
export { CypherParams } from './params';
export { entityOfValues, entityProjection, projectionKeys, relationExpression, restoreEntity, restoreRelation, evidenceEntries, evidenceListsMap, evidenceProperties, labelExpression, propertyEntries } from './projection';
export {
  ENTITY_PROPERTIES,
  EMPTY_NODE_PLAN,
  citedSourcesPlan,
  mergeEvidencePlans,
  mergeNodeProperties,
  type EntityProperty,
  type NodePlan,
  type RelationPlan,
  type EvidencePlan,
  type Position,
  type TraversalPlan,
} from './plan';
