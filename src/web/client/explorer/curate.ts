import { byId } from '../shared/dom';
import { setupPropose } from './propose';
import { setupReview } from './review';
import { holds, setupSignIn, type Session } from './sign-in';
import type { EntityRef } from './types';

type Say = (message: string, kind?: 'info' | 'error') => void;

export interface Curate {
  /** Whether the signed-in user may propose (a curator or an admin). */
  canPropose(): boolean;
  /** Opens a proposal about this entity (from the graph's side panel). */
  proposeAbout(entity: EntityRef): void;
}

/**
 * The Curate tab: sign in, propose a statement (curators), review pending proposals (reviewers).
 * Signed out, neither form is shown; reads stay public. `openTab` shows the tab; `onSession` hears
 * each sign-in and sign-out (the graph's side panel offers "Propose a statement about …" to curators).
 */
export function setupCurate(endpoint: string, say: Say, openTab: () => void, onSession: () => void): Curate {
  const propose = setupPropose(endpoint, byId('propose'), say);
  const review = setupReview(endpoint, byId('review'), say);
  const signIn = setupSignIn(endpoint, (session: Session | null) => {
    propose.show(session);
    review.show(session);
    onSession();
  });
  return {
    canPropose: () => holds(signIn.current(), 'CURATOR'),
    proposeAbout(entity) {
      openTab();
      propose.about(entity);
    },
  };
}
