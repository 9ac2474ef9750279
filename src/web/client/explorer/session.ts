/**
 * The signed-in curator's bearer token, kept in this tab's sessionStorage only: never in the URL,
 * in localStorage or in a log, and gone when the tab closes or the user signs out.
 */
const KEY = 'condition-graph:explorer:token';

export function storedToken(storage: Pick<Storage, 'getItem'> = sessionStorage): string | null {
  return storage.getItem(KEY);
}

export function storeToken(token: string, storage: Pick<Storage, 'setItem'> = sessionStorage): void {
  storage.setItem(KEY, token);
}

export function forgetToken(storage: Pick<Storage, 'removeItem'> = sessionStorage): void {
  storage.removeItem(KEY);
}

/** What was pasted, as a token: surrounding space, quotes and a leading "Bearer " removed. */
export function tokenFromPaste(text: string): string {
  return text
    .trim()
    .replace(/^["']|["']$/g, '')
    .replace(/^(authorization:\s*)?bearer\s+/i, '')
    .trim();
}
