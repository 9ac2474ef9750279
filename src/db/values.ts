import neo4j, { type Integer } from 'neo4j-driver';

/**
 * Converts values coming out of Neo4j into plain JSON-friendly JavaScript:
 * integers become numbers (the driver already runs with disableLosslessIntegers, this catches
 * stray Integer objects), temporals become ISO strings, nodes and relationships their properties.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  // Rows are fresh objects made by the driver for this result: converting in place saves copying
  // every map and list of every row (measurable per request; see bench/README.md).
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) value[i] = toPlain(value[i]);
    return value;
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const map = value as Record<string, unknown>;
    for (const key of Object.keys(map)) map[key] = toPlain(map[key]);
    return map;
  }
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
    return toPlain({ ...(value as { properties: Record<string, unknown> }).properties });
  }
  return toPlain({ ...(value as Record<string, unknown>) }); // other driver types (points, paths): their fields
}
