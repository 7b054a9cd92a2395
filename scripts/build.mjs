#!/usr/bin/env node
// Bundles the extension host code with esbuild.
//   node scripts/build.mjs               development bundle with source maps
//   node scripts/build.mjs --production  minified
//   node scripts/build.mjs --watch       rebuild on change
// src/host/extension.ts -> dist/extension.js; src/cli/main.ts -> dist/cli.js when that file exists.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const entries = [
  { in: 'src/host/extension.ts', out: 'dist/extension.js' },
  // The command line: runnable as `incident-desk` (package.json bin); it must never need vscode.
  { in: 'src/cli/main.ts', out: 'dist/cli.js', optional: true, executable: true },
  // Sentry and GitHub clients (axios, Octokit): loaded when a view first needs them.
  { in: 'src/host/sources/remoteSources.ts', out: 'dist/remote-sources.js' },
  // The Incident overview (correlation, refresh, webview): loaded when it is first shown.
  { in: 'src/host/overview/overviewController.ts', out: 'dist/overview.js' },
].filter((e) => !e.optional || fs.existsSync(path.join(root, e.in)));

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Prints each bundle's size after every (re)build. */
const reportSizes = (outfile, entry) => ({
  name: 'report-size',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length) {
        console.error(`build: ${path.relative(root, outfile)} failed with ${result.errors.length} error(s)`);
        return;
      }
      if (entry.executable) fs.chmodSync(outfile, 0o755);
      const size = fs.statSync(outfile).size;
      console.log(`build: ${path.relative(root, outfile)} ${kib(size)}${production ? ' (production)' : ''}`);
    });
  },
});

function options(entry) {
  const outfile = path.join(root, entry.out);
  return {
    absWorkingDir: root,
    entryPoints: [path.join(root, entry.in)],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // Nothing is external for the command line: an import of vscode fails its build.
    external: entry.executable ? [] : ['vscode'],
    // jsonc-parser's default entry is a UMD wrapper with dynamic requires; its ESM build bundles.
    ...(entry.executable ? { banner: { js: '#!/usr/bin/env node' }, mainFields: ['module', 'main'] } : {}),
    sourcemap: true,
    sourcesContent: false,
    minify: production,
    keepNames: production,
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
    logLevel: 'warning',
    plugins: [reportSizes(outfile, entry)],
  };
}

if (watch) {
  for (const entry of entries) {
    const ctx = await esbuild.context(options(entry));
    await ctx.watch();
  }
  console.log('build: watching for changes (Ctrl-C to stop)');
} else {
  try {
    await Promise.all(entries.map((entry) => esbuild.build(options(entry))));
  } catch {
    // esbuild has already printed the errors
    process.exit(1);
  }
}
