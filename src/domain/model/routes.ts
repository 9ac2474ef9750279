/**
 * Indirect answers: chains of catalogue relationships that answer a relationship field through other
 * entities (whom to consult about a condition: whoever is consulted about one of its symptoms, or
 * performs a diagnostic step that diagnoses it). Each step is a catalogue type walked in a direction;
 * every chain is checked against the catalogue's ends when this module loads. An answer reached only
 * this way is never presented as stated: it carries its path, and each hop its own evidence.
 */
import type { Kind } from './kinds';
import { fitsKinds, type PositiveRelType } from './relationships';
import type { Direction } from './relation-fields';

export interface RouteStep {
  readonly type: PositiveRelType;
  /** `out`: from the subject to the object of the statement. */
  readonly direction: Direction;
  /** The kind this step reaches. */
  readonly reaches: Kind;
}

export interface Route {
  /** The name clients ask for (`via: [SYMPTOMS]`). */
  readonly name: string;
  readonly steps: readonly RouteStep[];
}

/** Routes per (kind, relationship field); DIRECT (the field's own statements) is always one of them. */
export const ROUTES: Partial<Record<Kind, Record<string, readonly Route[]>>> = {
  Condition: {
    specialists: [
      { name: 'DIRECT', steps: [{ type: 'CONSULT', direction: 'out', reaches: 'Specialist' }] },
      {
        name: 'SYMPTOMS',
        steps: [
          { type: 'HAS_SYMPTOM', direction: 'out', reaches: 'Symptom' },
          { type: 'CONSULT', direction: 'out', reaches: 'Specialist' },
        ],
      },
      {
        name: 'DIAGNOSTIC_STEPS',
        steps: [
          { type: 'DIAGNOSES', direction: 'in', reaches: 'DiagnosticStep' },
          { type: 'PERFORMS', direction: 'in', reaches: 'Specialist' },
        ],
      },
    ],
  },
};

/** The routes of a relationship field, or undefined when it has only its direct statements. */
export function routesOf(kind: Kind, field: string): readonly Route[] | undefined {
  return ROUTES[kind]?.[field];
}

/** Throws when a step does not fit the catalogue's ends (checked once, at load). */
function check(): void {
  for (const [kind, fields] of Object.entries(ROUTES) as [Kind, Record<string, readonly Route[]>][]) {
    for (const [field, routes] of Object.entries(fields)) {
      for (const route of routes) {
        let at: Kind = kind;
        for (const step of route.steps) {
          const fits = step.direction === 'out' ? fitsKinds(step.type, at, step.reaches) : fitsKinds(step.type, step.reaches, at);
          if (!fits) throw new Error(`Route ${kind}.${field} ${route.name}: ${step.type} ${step.direction} does not join ${at} and ${step.reaches}`);
          at = step.reaches;
        }
      }
    }
  }
}
check();
