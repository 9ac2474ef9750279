import fs from 'node:fs';
import path from 'node:path';
import { ENTITY_LABEL, kindLabel, relationshipType, type GraphInput, type Kind, type RelType } from '../../domain/model';
import { edgeToProps, nodeToProps, type Props } from '../records';

/**
 * The validated graph as CSV files for `neo4j-admin database import full`: one node file per kind
 * (labels `:Entity:<Kind>` given on the command line), one relationship file per type, with exactly
 * the properties loadGraph writes (records.ts nodeToProps / edgeToProps).
 *
 * Property types follow what loadGraph stores through the driver: strings, booleans, string lists and
 * JS numbers, which neo4j-driver sends as floats (so `year:double`, as loadGraph leaves it).
 * Every string is quoted ("" inside), so commas, quotes, semicolons and line breaks are safe with
 * `--multiline-fields=true`; a quoted empty string is stored as '', an empty unquoted field not at all.
 * List elements are joined with one array delimiter that occurs in no list element (chosen by scanning).
 *
 * Two list values cannot be written as CSV: the importer stores an empty field as no property, so
 * `[]` and `['']` would vanish. Such a row lists the property name in the marker column
 * `__bulkEmpty` (for []) or `__bulkBlank` (for ['']); `markerFixStatements` turns them back into the
 * exact value after the import, in Cypher.
 */

export type CsvType = 'string' | 'double' | 'boolean' | 'string[]';

export const EMPTY_MARKER = '__bulkEmpty';
export const BLANK_MARKER = '__bulkBlank';

/** Candidates in order of preference; none may be the field separator, the quote or a line break. */
export const ARRAY_DELIMITER_CANDIDATES: readonly string[] = [';', '|', '\u001f', '\u001e', '\u001d', '\u001c', '\u0001', '\u0002', '\u0003', '\u0004'];

const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

export class BulkCsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BulkCsvError';
  }
}

/** The type of one property value, or an error naming the record and property. */
export function csvType(value: unknown, where: string): CsvType {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new BulkCsvError(`${where}: ${String(value)} cannot be imported (only finite numbers)`);
    return 'double';
  }
  if (Array.isArray(value) && value.every((element) => typeof element === 'string')) return 'string[]';
  throw new BulkCsvError(`${where}: unsupported property value ${JSON.stringify(value)} (strings, numbers, booleans and lists of strings only)`);
}

/** One CSV field, quoted when it is a string. */
export function quoteCsv(text: string): string {
  return `"${text.includes('"') ? text.replaceAll('"', '""') : text}"`;
}

/** Rules out array delimiter candidates as strings are seen; `chosen()` is the first one left. */
export class DelimiterScan {
  private readonly left: Set<string>;
  private any: RegExp;

  constructor(private readonly candidates: readonly string[] = ARRAY_DELIMITER_CANDIDATES) {
    this.left = new Set(candidates);
    this.any = this.pattern();
  }

  private pattern(): RegExp {
    return new RegExp(`[${[...this.left].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`);
  }

  add(text: string): void {
    if (this.left.size === 0 || !this.any.test(text)) return; // the common case: one test per string
    for (const candidate of this.left) if (text.includes(candidate)) this.left.delete(candidate);
    this.any = this.pattern();
  }

  /** The first candidate that occurs in no string seen; throws when every candidate occurs. */
  chosen(): string {
    const chosen = this.candidates.find((candidate) => this.left.has(candidate));
    if (chosen === undefined) {
      throw new BulkCsvError(
        `cannot write the list properties as CSV: every possible array delimiter (${this.candidates.map((c) => JSON.stringify(c)).join(', ')}) occurs in some list element; use the transactional import (npm run import without --bulk) instead`,
      );
    }
    return chosen;
  }
}

/** The first candidate that occurs in none of the strings; throws when every candidate occurs. */
export function chooseArrayDelimiter(strings: Iterable<string>, candidates: readonly string[] = ARRAY_DELIMITER_CANDIDATES): string {
  const scan = new DelimiterScan(candidates);
  for (const text of strings) scan.add(text);
  return scan.chosen();
}

/** Columns of one file: property name -> type, in first-seen order. */
export type Columns = Map<string, CsvType>;

export function addColumns(columns: Columns, props: Props, where: string): void {
  for (const key in props) {
    const value = props[key];
    const type = csvType(value, `${where}.${key}`);
    const known = columns.get(key);
    if (known === undefined) {
      if (!PROPERTY_NAME.test(key)) throw new BulkCsvError(`${where}: property name ${JSON.stringify(key)} cannot be a CSV header`);
      columns.set(key, type);
    } else if (known !== type) throw new BulkCsvError(`${where}.${key}: ${type} here but ${known} elsewhere in the same file; one property has one type per label`);
  }
}

/** The header line: `id:ID` (the node id, stored as the string property id) or the relationship ends first. */
export function headerLine(kind: 'nodes' | 'relationships', columns: Columns, markers: boolean): string {
  const fixed = kind === 'nodes' ? ['id:ID'] : [':START_ID', ':END_ID'];
  const rest = [...columns].filter(([key]) => !(kind === 'nodes' && key === 'id')).map(([key, type]) => (type === 'string' ? key : `${key}:${type}`));
  const marks = markers ? [`${EMPTY_MARKER}:string[]`, `${BLANK_MARKER}:string[]`] : [];
  return [...fixed, ...rest, ...marks].join(',');
}

/** One data line for the header above; `lead` are the id (nodes) or the two ends (relationships). */
export function dataLine(lead: readonly string[], columns: Columns, props: Props, delimiter: string, markers: boolean, skipId: boolean): string {
  const fields = lead.map(quoteCsv);
  const empty: string[] = [];
  const blank: string[] = [];
  for (const [key, type] of columns) {
    if (skipId && key === 'id') continue;
    const value = props[key];
    if (value === undefined) fields.push('');
    else if (type === 'string[]') {
      const list = value as string[];
      if (list.length === 0) empty.push(key);
      else if (list.length === 1 && list[0] === '') blank.push(key);
      fields.push(list.length === 0 || (list.length === 1 && list[0] === '') ? '' : quoteCsv(list.join(delimiter)));
    } else if (type === 'string') fields.push(quoteCsv(value as string));
    else fields.push(String(value));
  }
  if (markers) fields.push(empty.length > 0 ? quoteCsv(empty.join(delimiter)) : '', blank.length > 0 ? quoteCsv(blank.join(delimiter)) : '');
  return fields.join(',');
}

/** Writes lines to a file in large chunks (synchronously: the importer reads the files only afterwards). */
class LineFile {
  private readonly fd: number;
  private chunk: string[] = [];
  private size = 0;
  lines = 0;

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, 'w');
  }

  write(line: string): void {
    this.chunk.push(line);
    this.size += line.length + 1;
    this.lines += 1;
    if (this.size >= 1 << 20) this.flush();
  }

  flush(): void {
    if (this.chunk.length === 0) return;
    fs.writeSync(this.fd, `${this.chunk.join('\n')}\n`);
    this.chunk = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}

export interface BulkFiles {
  /** `--nodes=` values: `Entity:<Kind>=<file>`. */
  nodes: string[];
  /** `--relationships=` values: `<TYPE>=<file>`. */
  relationships: string[];
  arrayDelimiter: string;
  nodeCount: number;
  relationshipCount: number;
  /** Property names marked in __bulkEmpty / __bulkBlank, per node kind and relationship type. */
  marked: { nodes: Map<Kind, Set<string>>; relationships: Map<RelType, Set<string>> };
  bytes: number;
}

/**
 * Writes the graph into `dir` (created; files of a previous run there are overwritten). Two passes
 * over the records: one for the columns of each file, the array delimiter and the [] / [''] marks,
 * one writing the lines; properties are computed per record, never held for the whole graph.
 */
export function writeBulkCsv(input: GraphInput, dir: string): BulkFiles {
  fs.mkdirSync(dir, { recursive: true });
  const nodeColumns = new Map<Kind, Columns>();
  const edgeColumns = new Map<RelType, Columns>();
  const marked: BulkFiles['marked'] = { nodes: new Map(), relationships: new Map() };
  const scan = new DelimiterScan();
  const seeLists = <K>(map: Map<K, Set<string>>, key: K, props: Props) => {
    for (const name in props) {
      const value = props[name];
      if (!Array.isArray(value)) continue;
      for (const element of value) scan.add(element);
      if (value.length === 0 || (value.length === 1 && value[0] === '')) {
        const set = map.get(key) ?? new Set<string>();
        set.add(name);
        map.set(key, set);
      }
    }
  };
  for (const node of input.nodes) {
    const props = nodeToProps(node);
    const kind = kindLabel(node.kind);
    const columns = nodeColumns.get(kind) ?? new Map<string, CsvType>([['id', 'string']]);
    nodeColumns.set(kind, columns);
    addColumns(columns, props, `node ${node.id}`);
    seeLists(marked.nodes, kind, props);
  }
  for (const edge of input.edges) {
    const props = edgeToProps(edge);
    const { type } = relationshipType(edge.type);
    const columns = edgeColumns.get(type) ?? new Map<string, CsvType>();
    edgeColumns.set(type, columns);
    addColumns(columns, props, `relationship ${String(props.id)}`);
    seeLists(marked.relationships, type, props);
  }
  const arrayDelimiter = scan.chosen();

  const listColumns = new Set<Columns>([...nodeColumns.values(), ...edgeColumns.values()].filter((columns) => [...columns.values()].includes('string[]')));
  const hasLists = (columns: Columns) => listColumns.has(columns);
  const nodeFiles = new Map<Kind, LineFile>();
  const files: BulkFiles = { nodes: [], relationships: [], arrayDelimiter, nodeCount: 0, relationshipCount: 0, marked, bytes: 0 };
  for (const [kind, columns] of nodeColumns) {
    const file = new LineFile(path.join(dir, `nodes-${kind}.csv`));
    file.write(headerLine('nodes', columns, hasLists(columns)));
    nodeFiles.set(kind, file);
    files.nodes.push(`${ENTITY_LABEL}:${kind}=${file.file}`);
  }
  const edgeFiles = new Map<RelType, LineFile>();
  for (const [type, columns] of edgeColumns) {
    const file = new LineFile(path.join(dir, `relationships-${type}.csv`));
    file.write(headerLine('relationships', columns, hasLists(columns)));
    edgeFiles.set(type, file);
    files.relationships.push(`${type}=${file.file}`);
  }
  try {
    for (const node of input.nodes) {
      const kind = kindLabel(node.kind);
      const columns = nodeColumns.get(kind) as Columns;
      const props = nodeToProps(node);
      (nodeFiles.get(kind) as LineFile).write(dataLine([node.id], columns, props, arrayDelimiter, hasLists(columns), true));
      files.nodeCount += 1;
    }
    for (const edge of input.edges) {
      const { type } = relationshipType(edge.type);
      const columns = edgeColumns.get(type) as Columns;
      const props = edgeToProps(edge);
      (edgeFiles.get(type) as LineFile).write(dataLine([edge.subject, edge.object], columns, props, arrayDelimiter, hasLists(columns), false));
      files.relationshipCount += 1;
    }
  } finally {
    for (const file of [...nodeFiles.values(), ...edgeFiles.values()]) file.close();
  }
  for (const file of [...nodeFiles.values(), ...edgeFiles.values()]) files.bytes += fs.statSync(file.file).size;
  return files;
}
