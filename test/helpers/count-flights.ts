/**
 * Counts the Bolt round trips (Database.flights) one GraphQL operation costs, over real HTTP.
 * Requests must not overlap while measuring (jest runs integration files one at a time).
 *
 *   describeRoundTrips('entity operations', OPERATIONS, () => api);
 *
 * writes one test per operation asserting `flights <= maxFlights` and that it answered without errors.
 */
import type { Api, GraphQLResult } from './api-client';

export interface FlightBudget {
  /** Reads as the test name: "<name> costs at most <maxFlights> round trip(s)". */
  readonly name: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  /** The documented number of round trips this operation may cost. */
  readonly maxFlights: number;
  /** Why that number (e.g. "one statement per root field, nested selection included"). */
  readonly why: string;
  /** Optional check of the answer, so a cheap but wrong operation cannot pass. */
  readonly check?: (data: Record<string, unknown>) => void;
}

export interface Measured<TData> {
  readonly flights: number;
  readonly result: GraphQLResult<TData>;
}

export async function countFlights<TData = Record<string, unknown>>(api: Api, query: string, variables?: Record<string, unknown>): Promise<Measured<TData>> {
  const before = api.db.flights;
  const result = await api.query<TData>(query, variables);
  return { flights: api.db.flights - before, result };
}

/** Measured flights per operation name, filled as the tests run (for a report in afterAll). */
export type FlightReport = Map<string, { flights: number; maxFlights: number }>;

export function describeRoundTrips(title: string, operations: readonly FlightBudget[], api: () => Api, report: FlightReport = new Map()): FlightReport {
  describe(title, () => {
    it.each(operations.map((operation) => [operation.name, operation.maxFlights, operation] as const))(
      '%s costs at most %i round trip(s)',
      async (_name, _max, operation) => {
        const { flights, result } = await countFlights(api(), operation.query, operation.variables);
        expect(result.errors).toBeUndefined();
        expect(result.status).toBe(200);
        operation.check?.(result.data ?? {});
        report.set(operation.name, { flights, maxFlights: operation.maxFlights });
        expect(flights).toBeLessThanOrEqual(operation.maxFlights);
      },
    );
  });
  return report;
}
