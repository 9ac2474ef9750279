import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { AGENT_TYPES, KINDS, KNOWLEDGE_LEVELS, RELATIONSHIPS } from '../../../src/domain/model';

/**
 * Every Biolink category and predicate of the model is one of the terms extracted from the Biolink
 * Model YAML into seed/biolink-terms.tsv. With BIOLINK_MODEL_YAML pointing to biolink_model.yaml
 * (`pip download --no-deps biolink-model`, unzip, biolink_model/schema/biolink_model.yaml), the
 * extracted list itself is re-checked against the model.
 */
const TERMS_FILE = path.join(__dirname, '../../../seed/biolink-terms.tsv');
const rows = fs
  .readFileSync(TERMS_FILE, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => line.split('\t'));
const classes = new Map(rows.filter((r) => r[1] === 'class').map((r) => [r[0]!, r]));
const slots = new Map(rows.filter((r) => r[1] === 'slot').map((r) => [r[0]!, r]));
const enums = new Set(rows.filter((r) => r[1] === 'enum').map((r) => r[0]!));

describe('Biolink terms', () => {
  it('uses only categories from the extracted Biolink list, none of them abstract or a mixin', () => {
    for (const kind of Object.values(KINDS)) {
      expect(classes.has(kind.category)).toBe(true);
      expect(classes.get(kind.category)?.slice(4)).toEqual(['False', 'False']);
    }
  });

  it('uses only predicates from the extracted Biolink list, none of them abstract or a mixin', () => {
    for (const rel of Object.values(RELATIONSHIPS)) {
      expect(slots.has(rel.predicate)).toBe(true);
      expect(slots.get(rel.predicate)?.slice(4)).toEqual(['False', 'False']);
    }
  });

  it('uses exactly the knowledge levels and agent types of the Biolink enums', () => {
    expect([...KNOWLEDGE_LEVELS, ...AGENT_TYPES].every((value) => enums.has(value))).toBe(true);
  });

  const yamlPath = process.env.BIOLINK_MODEL_YAML;
  (yamlPath && fs.existsSync(yamlPath) ? it : it.skip)('matches the Biolink Model YAML term by term (BIOLINK_MODEL_YAML)', () => {
    const model = parse(fs.readFileSync(yamlPath!, 'utf8')) as { classes: Record<string, { is_a?: string; abstract?: boolean; mixin?: boolean }>; slots: Record<string, { is_a?: string; abstract?: boolean; mixin?: boolean }>; enums: Record<string, { permissible_values: Record<string, unknown> }> };
    for (const [term, type, name, isA, abstract, mixin] of rows) {
      if (type === 'enum') {
        expect(Object.keys(model.enums[name!]?.permissible_values ?? {})).toContain(term);
        continue;
      }
      const entry = (type === 'class' ? model.classes : model.slots)[name!];
      expect({ term, found: entry !== undefined }).toEqual({ term, found: true });
      expect([entry?.is_a ?? '', String(Boolean(entry?.abstract)), String(Boolean(entry?.mixin))]).toEqual([isA, abstract === 'True' ? 'true' : 'false', mixin === 'True' ? 'true' : 'false']);
    }
  });
});
