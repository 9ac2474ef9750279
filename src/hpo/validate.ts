/**
 * Checks of the two HPO files against each other, before anything is mapped or written: the
 * parsers' line problems, the headers (versions), the hierarchy (every is_a target a live term, alt
 * ids unambiguous), and every annotation's terms (hpo_id resolvable; onset, frequency and modifier
 * terms from the right branch). Errors stop the import; warnings are reported and counted.
 */
import type { ValidationIssue } from '../ingest/validate';
import { ASPECTS, type Aspect, type HpoaDocument } from './hpoa';
import type { OboDocument } from './obo';
import { CATEGORY_ROOTS, FREQUENCY_ROOT, MODIFIER_ROOT, ONSET_ROOT, type Ontology } from './ontology';

export interface HpoCheck {
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
  /** Annotation rows whose aspect differs from the branch of their term, per aspect. */
  aspectMismatches: Partial<Record<Aspect, number>>;
}

export interface HpoFileNames {
  obo: string;
  hpoa: string;
}

export function checkHpo(obo: OboDocument, hpoa: HpoaDocument, ontology: Ontology, files: HpoFileNames): HpoCheck {
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  const aspectMismatches: HpoCheck['aspectMismatches'] = {};
  const at = (file: string, line: number | string, field: string, message: string): ValidationIssue => ({
    file,
    record: typeof line === 'number' ? `line ${line}` : line,
    field,
    message,
  });

  for (const p of obo.problems) errors.push(at(files.obo, p.line, '(line)', p.message));
  for (const p of hpoa.problems) errors.push(at(files.hpoa, p.line, '(line)', p.message));

  if (!obo.header.dataVersion && !obo.header.versionInfo) errors.push(at(files.obo, 'header', 'data-version', 'missing: the release of the ontology must be known'));
  if (obo.header.formatVersion !== '1.2') warnings.push(at(files.obo, 'header', 'format-version', `"${obo.header.formatVersion ?? ''}" (expected 1.2)`));
  if (!hpoa.header.version) errors.push(at(files.hpoa, 'header', '#version', 'missing: the release of the annotations must be known'));
  if (ontology.terms.length === 0) errors.push(at(files.obo, 'file', '[Term]', 'no live terms'));
  if (hpoa.rows.length === 0 && hpoa.problems.length === 0) errors.push(at(files.hpoa, 'file', '(rows)', 'no annotations'));

  // The hierarchy.
  const altOwners = new Map<string, string>();
  for (const term of ontology.terms) {
    for (const parent of term.isA) {
      const resolved = ontology.resolve(parent);
      if (!resolved.id) errors.push(at(files.obo, term.line, 'is_a', `${term.id}: parent ${parent} is ${resolved.via === 'obsolete' ? 'obsolete' : 'not a term'}`));
    }
    for (const alt of term.altIds) {
      if (ontology.byId.has(alt)) errors.push(at(files.obo, term.line, 'alt_id', `${term.id}: alt_id ${alt} is also a live term`));
      const other = altOwners.get(alt);
      if (other && other !== term.id) errors.push(at(files.obo, term.line, 'alt_id', `${term.id}: alt_id ${alt} is also an alt_id of ${other}`));
      altOwners.set(alt, term.id);
    }
  }

  // The annotations.
  const aspectOfCategory = new Map<string, string | undefined>(CATEGORY_ROOTS.map((r) => [r.category, r.aspect]));
  const inBranch = (id: string, root: string) => {
    const resolved = ontology.resolve(id);
    return resolved.id !== undefined && ontology.isA(resolved.id, root);
  };
  for (const row of hpoa.rows) {
    const resolved = ontology.resolve(row.hpoId);
    if (!resolved.id) {
      errors.push(at(files.hpoa, row.line, 'hpo_id', `${row.hpoId} is ${resolved.via === 'obsolete' ? 'obsolete without a single replacement' : 'not a term of the ontology'}`));
      continue;
    }
    if (row.onset && !inBranch(row.onset, ONSET_ROOT)) errors.push(at(files.hpoa, row.line, 'onset', `${row.onset} is not an Onset term (below ${ONSET_ROOT})`));
    if (row.frequency?.startsWith('HP:') && !inBranch(row.frequency, FREQUENCY_ROOT)) {
      errors.push(at(files.hpoa, row.line, 'frequency', `${row.frequency} is not a Frequency term (below ${FREQUENCY_ROOT})`));
    }
    for (const modifier of row.modifiers) {
      if (!inBranch(modifier, MODIFIER_ROOT)) errors.push(at(files.hpoa, row.line, 'modifier', `${modifier} is not a Clinical modifier term (below ${MODIFIER_ROOT})`));
    }
    const expected = aspectOfCategory.get(ontology.categoryOf(resolved.id));
    if (expected !== row.aspect && ASPECTS.includes(row.aspect)) {
      aspectMismatches[row.aspect] = (aspectMismatches[row.aspect] ?? 0) + 1;
      if (warnings.length < 50) {
        warnings.push(at(files.hpoa, row.line, 'aspect', `${row.aspect} but ${resolved.id} lies in the ${ontology.categoryOf(resolved.id)} branch`));
      }
    }
  }
  return { errors, warnings, aspectMismatches };
}
