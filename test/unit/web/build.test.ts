import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildWeb, type WebBuildResult } from '../../../src/web/build';

jest.setTimeout(120_000);

/** The front-end build, into a scratch folder: what the pages need is there and nothing points at another host. */
describe('the web build', () => {
  let outDir: string;
  let result: WebBuildResult;

  beforeAll(async () => {
    outDir = mkdtempSync(path.join(os.tmpdir(), 'web-build-'));
    result = await buildWeb({ outDir });
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  const shipped = () => result.files.map((f) => f.file).filter((file) => /\.(js|css)$/.test(file));

  it('writes the three pages and Monaco’s three workers, with compressed copies', () => {
    for (const file of ['playground.js', 'playground.css', 'explorer.js', 'explorer.css', 'dashboard.js', 'dashboard.css', 'workers/editor.worker.js', 'workers/json.worker.js', 'workers/graphql.worker.js']) {
      expect(existsSync(path.join(outDir, file))).toBe(true);
      expect(existsSync(path.join(outDir, `${file}.br`))).toBe(true);
      expect(existsSync(path.join(outDir, `${file}.gz`))).toBe(true);
    }
  });

  it('loads no stylesheet, font or image from another host', () => {
    for (const file of shipped().filter((f) => f.endsWith('.css'))) {
      const css = readFileSync(path.join(outDir, file), 'utf8');
      expect({ file, imports: css.match(/@import[^;]*/g) ?? [] }).toEqual({ file, imports: [] });
      expect({ file, remote: css.match(/url\(\s*['"]?(https?:)?\/\/[^)]*\)/g) ?? [] }).toEqual({ file, remote: [] });
    }
  });

  it('serves fonts as files the browser fetches only when a page uses them, not inlined in the CSS', () => {
    const css = readFileSync(path.join(outDir, 'playground.css'), 'utf8');
    expect(css.match(/url\(\s*['"]?data:font/g) ?? []).toEqual([]);
    expect(css).toMatch(/url\("?\.\/assets\/font-[\w-]+\.woff2"?\)/);
  });

  it('names no CDN anywhere in the scripts', () => {
    const cdns = /esm\.sh|unpkg\.com|jsdelivr\.net|cdnjs\.cloudflare\.com|fonts\.googleapis\.com|fonts\.gstatic\.com|embeddable-sandbox|apollographql\.com/;
    for (const file of shipped()) {
      const text = readFileSync(path.join(outDir, file), 'utf8');
      expect({ file, cdn: text.match(cdns)?.[0] ?? null }).toEqual({ file, cdn: null });
    }
  });

  it('keeps the explorer small enough for a phone (no editor in it)', () => {
    const explorer = result.files.find((f) => f.file === 'explorer.js');
    expect(explorer?.bytes).toBeLessThan(700_000);
    expect(readFileSync(path.join(outDir, 'explorer.js'), 'utf8')).not.toContain('monaco');
  });
});
