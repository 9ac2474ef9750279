import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import type { BuildOptions, Plugin } from 'esbuild';
import { PROJECT_ROOT } from '../config';
import { WEB_ASSETS_DIR } from './assets';

/**
 * Bundles the playground (GraphiQL + Monaco + React), the explorer (Cytoscape.js) and the dashboard
 * (Chart.js) from the project's
 * own dependencies into dist/web, so the pages never load anything from another host. Each text asset
 * is also written pre-compressed (.br, .gz) so the server can send the smaller copy without a
 * compression dependency.
 *
 * Run as `node dist/src/web/build.js` (part of `npm run build`); tests call buildWeb() directly.
 * esbuild is a development dependency: nothing at run time imports this file.
 */
export interface WebBuildResult {
  outDir: string;
  files: { file: string; bytes: number }[];
  ms: number;
}

const CLIENT_DIR = path.join(PROJECT_ROOT, 'src/web/client');
const COMPRESSIBLE = /\.(js|css|svg|json|map|html|ttf)$/;

export async function buildWeb({ outDir = WEB_ASSETS_DIR, minify = true } = {}): Promise<WebBuildResult> {
  const started = performance.now();
  // Built beside the target and swapped in at the end, so a running server (or another build in
  // this checkout at the same time) never sees a half-written folder.
  const stamp = `${process.pid}-${Date.now()}`;
  const building = `${outDir}.building-${stamp}`;
  const previous = `${outDir}.previous-${stamp}`;
  try {
    await bundleInto(building, minify);
    const files = compressAll(building);
    if (existsSync(outDir)) renameSync(outDir, previous);
    renameSync(building, outDir);
    return { outDir, files, ms: Math.round(performance.now() - started) };
  } finally {
    rmSync(building, { recursive: true, force: true });
    rmSync(previous, { recursive: true, force: true });
  }
}

async function bundleInto(outDir: string, minify: boolean): Promise<void> {
  const esbuild = await import('esbuild');
  mkdirSync(outDir, { recursive: true });
  const fontsDir = mkdtempSync(path.join(os.tmpdir(), 'web-fonts-'));
  try {
    await runEsbuild(esbuild, outDir, minify, fontsDir);
  } finally {
    rmSync(fontsDir, { recursive: true, force: true });
  }
}

/**
 * GraphiQL's stylesheet inlines every face of Roboto and Fira Code (each in 7 unicode-range
 * subsets) and Monaco's icon font as base64 data URIs: ~0.5 MB of CSS the browser must download
 * before it can paint. Written out as files instead, the browser fetches only the faces and subsets
 * a page actually uses, from this origin.
 */
function extractInlineFonts(fontsDir: string): Plugin {
  return {
    name: 'extract-inline-fonts',
    setup(build) {
      build.onLoad({ filter: /[\\/]graphiql[\\/]dist[\\/]style\.css$/ }, (args) => {
        const css = readFileSync(args.path, 'utf8').replace(/url\(\s*data:font\/(woff2|woff|ttf);base64,([A-Za-z0-9+/=]+)\s*\)/g, (_match, ext: string, data: string) => {
          const name = `font-${createHash('sha256').update(data).digest('hex').slice(0, 16)}.${ext}`;
          writeFileSync(path.join(fontsDir, name), Buffer.from(data, 'base64'));
          return `url("./${name}")`;
        });
        return { contents: css, loader: 'css', resolveDir: fontsDir };
      });
    },
  };
}

async function runEsbuild(esbuild: typeof import('esbuild'), outDir: string, minify: boolean, fontsDir: string): Promise<void> {
  const common: BuildOptions = {
    bundle: true,
    minify,
    sourcemap: 'linked',
    legalComments: 'linked',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    absWorkingDir: PROJECT_ROOT,
  };

  await Promise.all([
    // The two pages: ES modules with code splitting, so Prettier (used only by GraphiQL's "prettify")
    // is fetched on first use instead of with the page.
    esbuild.build({
      ...common,
      entryPoints: {
        playground: path.join(CLIENT_DIR, 'playground/main.ts'),
        explorer: path.join(CLIENT_DIR, 'explorer/main.ts'),
        dashboard: path.join(CLIENT_DIR, 'dashboard/main.ts'),
      },
      outdir: outDir,
      format: 'esm',
      splitting: true,
      entryNames: '[name]',
      chunkNames: 'chunks/[name]-[hash]',
      assetNames: 'assets/[name]-[hash]',
      loader: { '.graphql': 'text', '.ttf': 'file', '.woff': 'file', '.woff2': 'file' },
      plugins: [extractInlineFonts(fontsDir)],
    }),
    // Monaco's web workers, as classic scripts served from this origin (GraphiQL's own setups load
    // them from a CDN or rely on a bundler's `new URL(..., import.meta.url)` support).
    esbuild.build({
      ...common,
      entryPoints: {
        'editor.worker': require.resolve('monaco-editor/esm/vs/editor/editor.worker.js'),
        'json.worker': require.resolve('monaco-editor/esm/vs/language/json/json.worker.js'),
        'graphql.worker': require.resolve('monaco-graphql/esm/graphql.worker.js'),
      },
      outdir: path.join(outDir, 'workers'),
      format: 'iife',
      entryNames: '[name]',
    }),
  ]);
}

/** Writes .gz and .br beside each text file; returns every built file (paths relative to dir). */
function compressAll(dir: string): { file: string; bytes: number }[] {
  const files: { file: string; bytes: number }[] = [];
  for (const file of walk(dir)) {
    const bytes = statSync(file).size;
    files.push({ file: path.relative(dir, file), bytes });
    if (COMPRESSIBLE.test(file) && !file.endsWith('.map') && bytes > 1024) {
      const content = readFileSync(file);
      writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      writeFileSync(
        `${file}.br`,
        brotliCompressSync(content, {
          params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes },
        }),
      );
    }
  }
  return files.sort((a, b) => a.file.localeCompare(b.file));
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

if (require.main === module) {
  buildWeb().then(
    (result) => {
      const total = result.files.filter((f) => !f.file.endsWith('.map') && !f.file.endsWith('.txt')).reduce((sum, f) => sum + f.bytes, 0);
      process.stdout.write(`web: built ${path.relative(PROJECT_ROOT, result.outDir)} (${(total / 1024).toFixed(0)} KiB before compression) in ${result.ms} ms\n`);
    },
    (error: unknown) => {
      process.stderr.write(`web: build failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
