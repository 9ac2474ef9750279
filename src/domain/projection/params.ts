import neo4j from 'neo4j-driver';

/**
 * Parameters and fresh variable names for one Cypher statement. Everything that comes from a client
 * goes in as a parameter; integers go in as Neo4j integers (LIMIT rejects floats).
 */
export class CypherParams {
  readonly values: Record<string, unknown> = {};
  private counter = 0;

  /** Adds a value and returns its placeholder, e.g. `$p__3`. */
  add(value: unknown): string {
    this.counter += 1;
    const name = `p__${this.counter}`;
    this.values[name] = value;
    return `$${name}`;
  }

  /** Adds a whole number (for LIMIT/SKIP and counts). */
  int(value: number): string {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`Not a non-negative integer: ${value}`);
    return this.add(neo4j.int(value));
  }

  /** A variable name no other part of the statement uses, e.g. `n__4`. */
  variable(prefix: 'n' | 'r' | 'm' | 's' | 'k' | 'e' | 'x'): string {
    this.counter += 1;
    return `${prefix}__${this.counter}`;
  }
}
