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

  /** Where the next name is numbered from: a part compiled at the same position gets the same names. */
  get position(): number {
    return this.counter;
  }

  /** The values added since `position` `from`, with their names (to replay them with `replay`). */
  addedSince(from: number): Array<[string, unknown]> {
    const added: Array<[string, unknown]> = [];
    for (let i = from + 1; i <= this.counter; i += 1) {
      const name = `p__${i}`;
      if (name in this.values) added.push([name, this.values[name]]);
    }
    return added;
  }

  /** Adds what a part compiled earlier at this same position added, and moves past the names it used. */
  replay(values: ReadonlyArray<[string, unknown]>, end: number): void {
    for (const [name, value] of values) this.values[name] = value;
    this.counter = end;
  }

  /** A variable name no other part of the statement uses, e.g. `n__4`. */
  variable(prefix: 'n' | 'r' | 'm' | 's' | 'k' | 'e' | 'x'): string {
    this.counter += 1;
    return `${prefix}__${this.counter}`;
  }
}
