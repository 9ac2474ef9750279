import { forgetToken, storeToken, storedToken, tokenFromPaste } from '../../../src/web/client/explorer/session';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

describe('the explorer’s sign-in token', () => {
  it('is kept in the given (session) storage until signing out', () => {
    const storage = new MemoryStorage();
    expect(storedToken(storage)).toBeNull();
    storeToken('eyJ.a.b', storage);
    expect(storedToken(storage)).toBe('eyJ.a.b');
    forgetToken(storage);
    expect(storedToken(storage)).toBeNull();
    expect(storage.items.size).toBe(0);
  });

  it('is read from a paste of the token, of "Bearer <token>" or of the whole header', () => {
    expect(tokenFromPaste('  eyJ.a.b\n')).toBe('eyJ.a.b');
    expect(tokenFromPaste('Bearer eyJ.a.b')).toBe('eyJ.a.b');
    expect(tokenFromPaste('Authorization: Bearer eyJ.a.b')).toBe('eyJ.a.b');
    expect(tokenFromPaste('"eyJ.a.b"')).toBe('eyJ.a.b');
  });
});
