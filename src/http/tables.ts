/**
 * Tables: `GET /tables?query=...&variables=...&operationName=...&format=csv|tsv` runs a GraphQL query
 * (queries only) and answers its list as CSV or TSV (RFC 4180 quoting by csv-stringify: fields with the
 * delimiter, quotes or line breaks are quoted, quotes doubled), every row with the data release it
 * came from in a `dataRelease` column, the file named after the list and the release.
 *
 * Why an endpoint of its own rather than `Accept: text/csv` on /graphql: a table is most useful as a
 * plain link that a spreadsheet ("from web"), `pandas.read_csv(url)` or `curl -O` opens, and none of
 * them sets an Accept header or sends a POST body; /graphql keeps only the GraphQL-over-HTTP media
 * types its audit checks.
 *
 * Which list: from `data`, objects with one field are followed down; a connection's `edges` are the
 * rows (each edge's `node` fields unprefixed); an object with exactly one list field leads to that
 * list. Row fields become columns (nested objects as `a.b`, lists of scalars joined with `; `); a row
 * holding a list of objects is not flat and is refused with the path to ask for less.
 */
import type { Request, Response } from 'express';
import { GraphQLError, getOperationAST, parse } from 'graphql';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { stringify } from 'csv-stringify';
import type { ReleaseWatcher } from '../domain/releases';
import { DATA_VERSION_HEADER } from './caching';

export const RELEASE_COLUMN = 'dataRelease';

type Cell = string | number | boolean | null;
export interface Table {
  name: string;
  columns: string[];
  rows: Array<Record<string, Cell>>;
}

export class NotATable extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The list an answer holds, as columns and rows (see the module comment for the rules). */
export function tableOf(data: Record<string, unknown>): Table {
  let value: unknown = data;
  const path: string[] = [];
  for (let depth = 0; depth < 10 && !Array.isArray(value); depth += 1) {
    if (!isObject(value)) throw new NotATable(`the answer at ${path.join('.') || 'data'} is not a list; select a list (e.g. conditions { edges { node { id name } } }).`);
    const current: Record<string, unknown> = value;
    const keys = Object.keys(current);
    const lists = keys.filter((key) => Array.isArray(current[key]));
    const key = keys.length === 1 ? keys[0] : Array.isArray(current.edges) ? 'edges' : lists.length === 1 ? lists[0] : undefined;
    if (key === undefined) {
      throw new NotATable(`the answer at ${path.join('.') || 'data'} has ${lists.length > 1 ? `several lists (${lists.join(', ')})` : 'no list'}; select exactly one list.`);
    }
    path.push(key);
    value = current[key];
  }
  if (!Array.isArray(value)) throw new NotATable('no list found in the answer.');
  const edges = path[path.length - 1] === 'edges';
  const rows = value.map((item, i) => {
    const row: Record<string, Cell> = {};
    const source = edges && isObject(item) && isObject(item.node) ? { ...item.node, ...Object.fromEntries(Object.entries(item).filter(([k]) => k !== 'node')) } : item;
    flatten(isObject(source) ? source : { value: source as Cell }, '', row, `${path.join('.')}[${i}]`);
    return row;
  });
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return { name: path.filter((p) => p !== 'edges').join('-') || 'table', columns, rows };
}

function flatten(value: Record<string, unknown>, prefix: string, row: Record<string, Cell>, where: string): void {
  for (const [key, inner] of Object.entries(value)) {
    const column = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(inner)) {
      if (inner.some((v) => typeof v === 'object' && v !== null)) {
        throw new NotATable(`${where}.${column} is a list of objects, so the rows are not flat; leave it out or ask for its list instead.`);
      }
      row[column] = inner.join('; ');
    } else if (isObject(inner)) {
      flatten(inner, column, row, where);
    } else {
      row[column] = (inner ?? null) as Cell;
    }
  }
}

function parameter(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' ? value : undefined;
}

function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

export function tablesHandler<TContext extends BaseContext>(apollo: ApolloServer<TContext>, context: (req: Request) => Promise<TContext>, releases: ReleaseWatcher) {
  return async (req: Request, res: Response): Promise<void> => {
    const accept = req.headers.accept ?? '';
    const format = parameter(req, 'format') ?? (accept.includes('text/tab-separated-values') ? 'tsv' : 'csv');
    if (format !== 'csv' && format !== 'tsv') return sendError(res, 400, 'BAD_REQUEST', '`format` is csv or tsv.');
    const query = parameter(req, 'query');
    if (!query) return sendError(res, 400, 'BAD_REQUEST', 'Give the GraphQL query in `query` (URL-encoded), e.g. /tables?query={conditions{edges{node{id name}}}}.');
    let variables: Record<string, unknown> | undefined;
    try {
      const raw = parameter(req, 'variables');
      variables = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
      if (variables !== undefined && !isObject(variables)) throw new Error('not an object');
    } catch {
      return sendError(res, 400, 'BAD_REQUEST', '`variables` must be a JSON object.');
    }
    const operationName = parameter(req, 'operationName');
    try {
      const operation = getOperationAST(parse(query, { maxTokens: 2_000 }), operationName);
      if (operation && operation.operation !== 'query') return sendError(res, 405, 'BAD_REQUEST', 'Tables run queries only.');
    } catch {
      // Apollo reports the syntax error in its own words below.
    }
    let contextValue: TContext;
    try {
      contextValue = await context(req);
    } catch (error) {
      // Sign-in refused (401): the same GraphQL error /graphql would answer.
      if (error instanceof GraphQLError) return sendError(res, Number((error.extensions.http as { status?: number } | undefined)?.status ?? 401), String(error.extensions.code ?? 'UNAUTHENTICATED'), error.message);
      throw error;
    }
    const release = releases.current;
    const response = await apollo.executeOperation({ query, variables, operationName }, { contextValue });
    if (response.body.kind !== 'single') return sendError(res, 400, 'BAD_REQUEST', 'Incremental delivery is not available for tables.');
    const { data, errors } = response.body.singleResult;
    if (errors?.length || !data) {
      res.status(errors?.[0]?.extensions?.code === 'INTERNAL_SERVER_ERROR' ? 500 : 400).json({ errors });
      return;
    }
    let table: Table;
    try {
      table = tableOf(data as Record<string, unknown>);
    } catch (error) {
      if (error instanceof NotATable) return sendError(res, 400, 'NOT_A_TABLE', error.message);
      throw error;
    }
    const releaseNumber = release ? String(release.number) : '';
    res.status(200);
    res.setHeader('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'text/tab-separated-values; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${table.name}-release-${releaseNumber || 'unknown'}.${format}"`);
    if (release) res.setHeader(DATA_VERSION_HEADER, releaseNumber);
    res.setHeader('cache-control', 'no-store');
    const columns = [...table.columns, RELEASE_COLUMN];
    const csv = stringify({ header: true, columns, delimiter: format === 'csv' ? ',' : '\t', record_delimiter: 'unix', cast: { boolean: (v) => String(v) } });
    csv.pipe(res);
    for (const row of table.rows) csv.write({ ...row, [RELEASE_COLUMN]: releaseNumber });
    csv.end();
  };
}
