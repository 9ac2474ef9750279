/**
 * The data model of the knowledge graph: the ONLY whitelist of node labels, relationship types and
 * property names that any code may splice into Cypher (documented at length in seed/README.md).
 * One module per concern; import from here.
 */
export * from './kinds';
export * from './relationships';
export * from './evidence';
export * from './records';
export * from './ids';
export * from './kgx-names';
export * from './storage';
export * from './name-search';
export * from './relation-fields';
export * from './routes';
export * from './degrees';
