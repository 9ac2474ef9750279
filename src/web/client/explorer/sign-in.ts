import { byId, h, replaceChildren } from '../shared/dom';
import { messageOf } from '../shared/graphql';
import { fetchViewer, type Role, type SignedIn } from './curation-queries';
import { forgetToken, storedToken, storeToken, tokenFromPaste } from './session';

/** Who is signed in, with the token their requests carry. */
export interface Session extends SignedIn {
  token: string;
}

export function holds(session: Session | null, role: Role): boolean {
  return !!session && (session.roles.includes(role) || session.roles.includes('ADMIN'));
}

/**
 * The Curate tab's sign-in: a pasted bearer token is checked with `viewer`, kept in sessionStorage
 * (this tab only; never in the URL or a log) and shown as who is signed in, until "Sign out".
 * `onChange` hears every change of session, including the one restored when the page opens.
 */
export function setupSignIn(endpoint: string, onChange: (session: Session | null) => void): { current(): Session | null } {
  const form = byId<HTMLFormElement>('sign-in-form');
  const input = byId<HTMLInputElement>('token-input');
  const who = byId('viewer');
  const signOut = byId<HTMLButtonElement>('sign-out');
  let session: Session | null = null;

  function show(next: Session | null, message?: string): void {
    session = next;
    form.hidden = !!next;
    signOut.hidden = !next;
    replaceChildren(
      who,
      next
        ? h('p', {}, 'Signed in as ', h('strong', { 'data-subject': next.subject }, next.subject), ` (${next.roles.map((role) => role.toLowerCase()).join(', ')})`)
        : h('p', { class: message ? 'error' : 'hint' }, message ?? 'Not signed in: reads are public, proposing and reviewing need a token.'),
    );
    onChange(next);
  }

  async function signIn(token: string): Promise<void> {
    try {
      const viewer = await fetchViewer(endpoint, token);
      storeToken(token);
      show({ ...viewer, token });
    } catch (error) {
      forgetToken();
      show(null, `Not signed in: ${messageOf(error)}`);
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = tokenFromPaste(input.value);
    input.value = '';
    if (token) void signIn(token);
  });
  signOut.addEventListener('click', () => {
    forgetToken();
    show(null);
    input.focus();
  });

  const restored = storedToken();
  if (restored) void signIn(restored);
  else show(null);
  return { current: () => session };
}
