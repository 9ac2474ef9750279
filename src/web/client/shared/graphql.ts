import { parse, type ExecutionResult } from 'graphql';

/** A GraphQL-over-HTTP client for the pages: POST JSON to this origin, nothing else. */
export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export interface PostOptions {
  signal?: AbortSignal;
  /** Extra request headers: the playground's Headers pane, the explorer's Authorization. */
  headers?: Record<string, string>;
}

export async function postGraphQL<T>(endpoint: string, request: GraphQLRequest, { signal, headers = {} }: PostOptions = {}): Promise<GraphQLResponse<T>> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify(request),
    credentials: 'same-origin',
    signal,
  });
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) throw new Error(`The server answered ${response.status} ${response.statusText} without a GraphQL response.`);
  return (await response.json()) as GraphQLResponse<T>;
}

/** The Headers pane's JSON as request headers (string values only; GraphiQL has already parsed it). */
export function headersOf(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/**
 * The operation to run: GraphiQL 5 can pass the operation name of the tab shown before (after a tab
 * switch, until the editor is edited), which the server rightly refuses ("Unknown operation named");
 * a name the document does not define is replaced by its only operation's, or dropped.
 */
export function operationNameFor(query: string, operationName: string | null | undefined): string | null {
  if (!operationName) return null;
  let names: (string | undefined)[];
  try {
    names = parse(query, { noLocation: true }).definitions.flatMap((definition) => (definition.kind === 'OperationDefinition' ? [definition.name?.value] : []));
  } catch {
    return operationName; // let the server report the syntax error
  }
  if (names.includes(operationName)) return operationName;
  return names.length === 1 ? (names[0] ?? null) : operationName;
}

/** GraphiQL's fetcher: the response as-is, errors included, so the result pane shows them; sends the Headers pane's headers. */
export function graphqlFetcher(endpoint: string) {
  return (params: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null }, options?: { headers?: unknown }) =>
    // The server's JSON is a GraphQL response; GraphiQL only reads and displays it.
    postGraphQL<unknown>(
      endpoint,
      { query: params.query, variables: params.variables ?? null, operationName: operationNameFor(params.query, params.operationName) },
      { headers: headersOf(options?.headers) },
    ) as Promise<ExecutionResult>;
}

/** For the explorer: data or a readable error (the server's messages, which say what to fix). `token`: a bearer token. */
export async function query<T>(endpoint: string, text: string, variables: Record<string, unknown> = {}, signal?: AbortSignal, token?: string): Promise<T> {
  const result = await postGraphQL<T>(endpoint, { query: text, variables }, { signal, headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('; '));
  if (!result.data) throw new Error('The server returned no data.');
  return result.data;
}

/** A readable message for anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
