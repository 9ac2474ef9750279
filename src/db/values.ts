import neo4j, { type Integer } from 'neo4j-driver';

/**
 * Converts values coming out of Neo4j into plain JSON-friendly JavaScript:
 * integers become numbers (the driver already runs with disableLosslessIntegers, this catches
 * stray Integer objects), temporals become ISO strings, nodes and relationships their properties.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value !== 'object') return value;
  if (neo4j.isInt(value)) return (value as Integer).toNumber();
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.temporal.isTime(value) ||
    neo4j.temporal.isLocalTime(value) ||
    neo4j.temporal.isDuration(value)
  ) {
    return String(value);
  }
  if (neo4j.graph.isNode(value) || neo4j.graph.isRelationship(value)) {
    return toPlain((value as { properties: unknown }).properties);
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) out[key] = toPlain(inner);
  return out;
}
