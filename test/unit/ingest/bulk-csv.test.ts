import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GraphInput } from '../../../src/domain/model';
import { BulkCsvError, chooseArrayDelimiter, csvType, dataLine, headerLine, quoteCsv, writeBulkCsv, type Columns } from '../../../src/ingest/bulk/csv';
import { parseImporterDuration, parseImporterPhases, restoreListStatements } from '../../../src/ingest/bulk/import';

const evidence = { source: 'src-1', quote: 'q', knowledgeLevel: 'knowledge_assertion', agentType: 'manual_agent', owner: 'kgx' } as const;

/** A minimal RFC 4180 reader (quoted fields may hold commas, quotes and line breaks), to read back what was written. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else field += c;
  }
  return rows;
}

describe('CSV for neo4j-admin import', () => {
  it('quotes every string, doubling inner quotes and keeping commas, semicolons and line breaks inside the field', () => {
    expect(quoteCsv('a "b", c;\nd')).toBe('"a ""b"", c;\nd"');
    expect(parseCsv(`${quoteCsv('a "b", c;\nd')},${quoteCsv('')}\n`)).toEqual([['a "b", c;\nd', '']]);
  });

  it('chooses the first array delimiter that occurs in no list element', () => {
    expect(chooseArrayDelimiter(['a', 'b,c'])).toBe(';');
    expect(chooseArrayDelimiter(['a;b', 'c'])).toBe('|');
    expect(chooseArrayDelimiter(['a;b', 'c|d'])).toBe('\u001f');
  });

  it('refuses clearly when every candidate delimiter occurs in some list element', () => {
    expect(() => chooseArrayDelimiter(['x;', 'y|'], [';', '|'])).toThrow(/every possible array delimiter.*occurs.*transactional import/);
  });

  it('types strings, numbers as doubles (what the driver sends), booleans and string lists, and rejects anything else', () => {
    expect(csvType('x', 'n.p')).toBe('string');
    expect(csvType(1990, 'n.p')).toBe('double');
    expect(csvType(false, 'n.p')).toBe('boolean');
    expect(csvType(['a'], 'n.p')).toBe('string[]');
    expect(() => csvType(Number.NaN, 'n.p')).toThrow(BulkCsvError);
    expect(() => csvType([1], 'n.p')).toThrow(/n\.p: unsupported/);
  });

  it('writes typed headers with the node id as id:ID and relationship ends first', () => {
    const columns: Columns = new Map([['id', 'string'], ['name', 'string'], ['year', 'double'], ['negated', 'boolean'], ['aliases', 'string[]']]);
    expect(headerLine('nodes', columns, true)).toBe('id:ID,name,year:double,negated:boolean,aliases:string[],__bulkEmpty:string[],__bulkBlank:string[]');
    expect(headerLine('relationships', new Map([['id', 'string'], ['evSources', 'string[]']]), false)).toBe(':START_ID,:END_ID,id,evSources:string[]');
  });

  it('leaves absent properties empty and marks [] and [\'\'] lists, which an empty CSV field cannot carry', () => {
    const columns: Columns = new Map([['id', 'string'], ['name', 'string'], ['description', 'string'], ['year', 'double'], ['aliases', 'string[]'], ['authors', 'string[]'], ['xrefs', 'string[]']]);
    const line = dataLine(['n1'], columns, { id: 'n1', name: '', year: 2020, aliases: [], authors: [''], xrefs: ['', 'HP:1'] }, ';', true, true);
    expect(parseCsv(`${line}\n`)).toEqual([['n1', '', '', '2020', '', '', ';HP:1', 'aliases', 'authors']]);
    expect(line).toBe('"n1","",,2020,,,";HP:1","aliases","authors"');
  });

  it('writes one file per kind and per relationship type with the same properties as loadGraph gets', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-csv-'));
    try {
      const input: GraphInput = {
        nodes: [
          { id: 'src-1', kind: 'Source', name: 'S', aliases: [], xrefs: [], owner: 'kgx', year: 2001 },
          { id: 'sym-1', kind: 'Symptom', name: 'Twitch; "jerk"', aliases: ['a|b'], xrefs: [], owner: 'kgx' },
          { id: 'cond-1', kind: 'Condition', name: 'C', aliases: [], xrefs: [], owner: 'kgx' },
        ],
        edges: [
          { type: 'NOT_HAS_SYMPTOM', subject: 'cond-1', object: 'sym-1', owner: 'kgx', evidence: [evidence, { ...evidence, quote: 'r', code: 'PCS' }] },
        ],
      };
      const files = writeBulkCsv(input, dir);
      expect(files.arrayDelimiter).toBe(';');
      expect(files.nodes.map((spec) => spec.split('=')[0]).sort()).toEqual(['Entity:Condition', 'Entity:Source', 'Entity:Symptom']);
      expect(files.relationships).toEqual([`NOT_HAS_SYMPTOM=${path.join(dir, 'relationships-NOT_HAS_SYMPTOM.csv')}`]);
      expect([...(files.marked.nodes.get('Source') ?? [])].sort()).toEqual(['aliases', 'xrefs']);
      const symptoms = parseCsv(fs.readFileSync(path.join(dir, 'nodes-Symptom.csv'), 'utf8'));
      expect(symptoms[0]).toEqual(['id:ID', 'kind', 'name', 'aliases:string[]', 'xrefs:string[]', 'owner', '__bulkEmpty:string[]', '__bulkBlank:string[]']);
      expect(symptoms[1]).toEqual(['sym-1', 'Symptom', 'Twitch; "jerk"', 'a|b', '', 'kgx', 'xrefs', '']);
      const sources = parseCsv(fs.readFileSync(path.join(dir, 'nodes-Source.csv'), 'utf8'));
      expect(sources[0]).toContain('year:double');
      const rels = parseCsv(fs.readFileSync(path.join(dir, 'relationships-NOT_HAS_SYMPTOM.csv'), 'utf8'));
      expect(rels[0]?.slice(0, 4)).toEqual([':START_ID', ':END_ID', 'id', 'owner']);
      expect(rels[0]).toContain('evCodes:string[]');
      const codes = rels[0]?.indexOf('evCodes:string[]') as number;
      expect(rels[1]?.slice(0, 4)).toEqual(['cond-1', 'sym-1', 'cond-1|NOT_HAS_SYMPTOM|sym-1', 'kgx']);
      expect(rels[1]?.[codes]).toBe(';PCS');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a property whose type differs between records of one kind', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulk-csv-'));
    try {
      const input = {
        nodes: [
          { id: 's1', kind: 'Source', name: 'S', aliases: [], xrefs: [], owner: 'kgx', year: 2001 },
          { id: 's2', kind: 'Source', name: 'T', aliases: [], xrefs: [], owner: 'kgx', year: '2002' },
        ],
        edges: [],
      } as unknown as GraphInput;
      expect(() => writeBulkCsv(input, dir)).toThrow(/node s2\.year: string here but double elsewhere/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('restores marked lists per kind and type with statements naming only whitelisted labels and checked properties', () => {
    const [statement] = restoreListStatements({ nodes: new Map([['Symptom', new Set(['aliases'])]]), relationships: new Map() });
    expect(statement).toMatch(/MATCH \(n:Entity:Symptom\) WHERE n.__bulkEmpty IS NOT NULL/);
    expect(statement).toMatch(/n.aliases = CASE WHEN 'aliases' IN coalesce\(n.__bulkEmpty, \[\]\) THEN \[\] WHEN 'aliases' IN coalesce\(n.__bulkBlank, \[\]\) THEN \[''\]/);
    expect(statement).toMatch(/REMOVE n.__bulkEmpty, n.__bulkBlank \} IN TRANSACTIONS/);
  });

  it('reads the importer\'s phase durations', () => {
    expect(parseImporterDuration('1m 2s 34ms')).toBe(62_034);
    expect(parseImporterDuration('384ms')).toBe(384);
    const output = 'Node import COMPLETED in 1s 158ms\n\nRelationship import COMPLETED in 384ms\nRelationship linking COMPLETED in 2m 594ms\nPost processing COMPLETED in 1s 53ms\n\nIMPORT DONE in 3s 399ms. \n';
    expect(parseImporterPhases(output)).toEqual({ nodeImportMs: 1158, relationshipImportMs: 384, relationshipLinkingMs: 120_594, postProcessingMs: 1053, totalMs: 3399 });
  });
});
