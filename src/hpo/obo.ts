/**
 * A streaming parser for the OBO 1.2 flat-file format as used by `hp.obo`: reads one line at a time
 * and keeps only what the import needs ([Term] stanzas; [Typedef] stanzas are skipped). Every problem
 * is collected with its line number; nothing is thrown for bad input.
 */

export type SynonymScope = 'EXACT' | 'BROAD' | 'NARROW' | 'RELATED';
export const SYNONYM_SCOPES: readonly SynonymScope[] = ['EXACT', 'BROAD', 'NARROW', 'RELATED'];

export interface OboSynonym {
  text: string;
  scope: SynonymScope;
  /** A synonymtypedef name such as `layperson`, `abbreviation`, `uk_spelling` (absent when untyped). */
  type?: string;
}

export interface OboTerm {
  id: string;
  name: string;
  definition?: string;
  comment?: string;
  synonyms: OboSynonym[];
  xrefs: string[];
  altIds: string[];
  isA: string[];
  obsolete: boolean;
  replacedBy: string[];
  consider: string[];
  /** Line of the `[Term]` header, for messages. */
  line: number;
}

export interface OboHeader {
  formatVersion?: string;
  /** `data-version: hp/releases/2025-01-16` */
  dataVersion?: string;
  /** `property_value: owl:versionInfo "2025-01-16" xsd:string` */
  versionInfo?: string;
  /** `property_value: terms:license https://hpo.jax.org/app/license` */
  license?: string;
  /** `remark: Please see license of HPO at ...` */
  remarks: string[];
  /** synonymtypedef names declared in the header. */
  synonymTypes: string[];
}

export interface LineProblem {
  line: number;
  message: string;
}

export interface OboDocument {
  header: OboHeader;
  terms: OboTerm[];
  problems: LineProblem[];
}

/** The release date of an OBO header: owl:versionInfo, else the date in data-version. */
export function oboVersion(header: OboHeader): string | undefined {
  return header.versionInfo ?? header.dataVersion?.match(/(\d{4}-\d{2}-\d{2})/)?.[1] ?? header.dataVersion;
}

const HP_ID = /^HP:\d{7}$/;

/**
 * Reads a quoted OBO string starting at `value[0] === '"'`; returns the unescaped text and the rest
 * after the closing quote, or undefined when the quote is not closed.
 */
export function readQuoted(value: string): { text: string; rest: string } | undefined {
  if (!value.startsWith('"')) return undefined;
  let text = '';
  for (let i = 1; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\' && i + 1 < value.length) {
      const next = value[++i] as string;
      text += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'W' ? ' ' : next;
    } else if (ch === '"') {
      return { text, rest: value.slice(i + 1).trim() };
    } else {
      text += ch;
    }
  }
  return undefined;
}

/** Drops a trailing `! comment` and `{qualifiers}` from an unquoted value (ids in is_a, xref, ...). */
function bareValue(value: string): string {
  const bang = value.indexOf(' !');
  const cut = bang >= 0 ? value.slice(0, bang) : value;
  return cut.replace(/\s*\{[^}]*\}\s*$/, '').trim();
}

/** First whitespace-separated token of a value (an xref may be followed by a quoted description). */
function firstToken(value: string): string {
  return bareValue(value).split(/\s+/)[0] ?? '';
}

interface Draft extends Omit<OboTerm, 'id' | 'name'> {
  id?: string;
  name?: string;
}

function newDraft(line: number): Draft {
  return { synonyms: [], xrefs: [], altIds: [], isA: [], obsolete: false, replacedBy: [], consider: [], line };
}

export async function parseObo(lines: AsyncIterable<string> | Iterable<string>): Promise<OboDocument> {
  const header: OboHeader = { remarks: [], synonymTypes: [] };
  const terms: OboTerm[] = [];
  const problems: LineProblem[] = [];
  const seen = new Set<string>();
  let stanza: 'header' | 'term' | 'other' = 'header';
  let draft: Draft | undefined;
  let lineNo = 0;

  const finish = () => {
    if (!draft) return;
    const at = draft.line;
    if (draft.id === undefined) problems.push({ line: at, message: '[Term] without an id' });
    else if (draft.name === undefined) problems.push({ line: at, message: `${draft.id}: [Term] without a name` });
    else if (seen.has(draft.id)) problems.push({ line: at, message: `${draft.id}: defined twice` });
    else {
      seen.add(draft.id);
      terms.push({ ...draft, id: draft.id, name: draft.name });
    }
    draft = undefined;
  };

  for await (const raw of lines) {
    lineNo += 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('!')) continue;
    if (trimmed.startsWith('[')) {
      finish();
      if (trimmed === '[Term]') {
        stanza = 'term';
        draft = newDraft(lineNo);
      } else stanza = 'other';
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      problems.push({ line: lineNo, message: `not a "tag: value" line: ${line.slice(0, 60)}` });
      continue;
    }
    const tag = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (stanza === 'header') readHeaderTag(header, tag, value);
    else if (stanza === 'term' && draft) readTermTag(draft, tag, value, lineNo, problems);
  }
  finish();
  return { header, terms, problems };
}

function readHeaderTag(header: OboHeader, tag: string, value: string): void {
  switch (tag) {
    case 'format-version':
      header.formatVersion = value;
      break;
    case 'data-version':
      header.dataVersion = value;
      break;
    case 'remark':
      header.remarks.push(value);
      break;
    case 'synonymtypedef': {
      const name = value.split(/\s+/)[0];
      if (name) header.synonymTypes.push(name);
      break;
    }
    case 'property_value': {
      const [property, ...rest] = value.split(/\s+/);
      const restText = rest.join(' ');
      const quoted = readQuoted(restText);
      const plain = quoted?.text ?? rest[0];
      if (property === 'owl:versionInfo' && plain) header.versionInfo = plain;
      if (property === 'terms:license' && plain) header.license = plain;
      break;
    }
    default:
      break;
  }
}

function readTermTag(draft: Draft, tag: string, value: string, line: number, problems: LineProblem[]): void {
  const problem = (message: string) => problems.push({ line, message: `${draft.id ?? '[Term]'}: ${message}` });
  switch (tag) {
    case 'id':
      if (draft.id !== undefined) problem('second id');
      else draft.id = bareValue(value);
      if (!HP_ID.test(draft.id ?? '')) problem(`id "${value}" is not an HP id (HP:0000000)`);
      break;
    case 'name':
      if (draft.name !== undefined) problem('second name');
      else draft.name = value;
      break;
    case 'def': {
      const quoted = readQuoted(value);
      if (!quoted) problem('def is not a quoted string');
      else draft.definition = quoted.text;
      break;
    }
    case 'comment':
      draft.comment = value;
      break;
    case 'synonym': {
      const quoted = readQuoted(value);
      if (!quoted) {
        problem('synonym is not a quoted string');
        break;
      }
      const words = quoted.rest.replace(/\[.*$/, '').trim().split(/\s+/).filter(Boolean);
      const scope = words[0] as SynonymScope | undefined;
      if (!scope || !SYNONYM_SCOPES.includes(scope)) {
        problem(`synonym "${quoted.text}" has no scope (EXACT, BROAD, NARROW, RELATED)`);
        break;
      }
      draft.synonyms.push(words[1] ? { text: quoted.text, scope, type: words[1] } : { text: quoted.text, scope });
      break;
    }
    case 'xref':
      draft.xrefs.push(firstToken(value));
      break;
    case 'alt_id':
      draft.altIds.push(bareValue(value));
      break;
    case 'is_a':
      draft.isA.push(bareValue(value));
      break;
    case 'is_obsolete':
      draft.obsolete = value === 'true';
      break;
    case 'replaced_by':
      draft.replacedBy.push(bareValue(value));
      break;
    case 'consider':
      draft.consider.push(bareValue(value));
      break;
    default:
      break;
  }
}
