#!/usr/bin/env node
// Benchmarks of Incident Desk against the reference tools, measured in the same run.
//   npm run bench                     all benchmarks
//   node bench/run.mjs changes        "what changed" vs `git log --since … --name-status`
//   node bench/run.mjs activation     bundle load + activate() and the bundle size
//   node bench/run.mjs correlate      suspect ranking over 10k and 100k events, and its growth
//   node bench/run.mjs refresh        four sources at 100/200/400/800 ms at once vs the slowest alone
//   node bench/run.mjs logs           a 15-minute window in a 2 GB log file vs rg; RSS at two sizes
// Env: BENCH_COMMITS (default 100000), BENCH_RUNS (default 5).
// Machines here are noisy: read the ratios, not the absolute times.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const RUNS = Number(process.env.BENCH_RUNS || 5);
const COMMITS = Number(process.env.BENCH_COMMITS || 100000);
const which = process.argv[2] || 'all';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;

function ensureBuilt() {
  const out = path.join(root, 'out', 'src', 'sources', 'git', 'repository.js');
  if (!fs.existsSync(out)) execFileSync('npx', ['tsc', '-p', '.'], { cwd: root, stdio: 'inherit' });
  // Measure what users install: the production bundle.
  execFileSync('node', ['scripts/build.mjs', '--production'], { cwd: root, stdio: 'inherit' });
}

/** Time `git log` writing everything to a pipe that we drain: the reference. */
function gitLogReference(repo, since) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn('git', ['log', `--since=@${Math.floor(since / 1000)}`, '--name-status'], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
    let bytes = 0;
    child.stdout.on('data', (c) => (bytes += c.length));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ ms: performance.now() - t, bytes }) : reject(new Error(`git log exit ${code}`))));
  });
}

async function benchChanges() {
  const repoDir = path.join(root, 'bench', '.work', `repo-${COMMITS}`);
  console.log(`# what changed vs git log (repository of ${COMMITS.toLocaleString('en-US')} commits: ${path.relative(root, repoDir)})`);
  execFileSync('node', [path.join(root, 'bench', 'gen-repo.mjs'), repoDir, '--commits', String(COMMITS), '--days', '120'], { stdio: 'inherit' });
  const { GitRepository } = require(path.join(root, 'out/src/sources/git/repository.js'));
  const { createRiskClassifier } = require(path.join(root, 'out/src/core/changes/risk.js'));
  const { readWhatChanged } = require(path.join(root, 'out/src/sources/git/whatChanged.js'));
  // The Changes view's whole path for one refresh: open the repository, read tags and history,
  // group. The window is given as the view gets it: a duration back from now.
  // Created once, as the view keeps one across refreshes.
  const classify = createRiskClassifier();
  const ours = async (span) => {
    const t = performance.now();
    const repo = await GitRepository.open(repoDir);
    const r = await readWhatChanged(repo, { windowSpec: `${Math.round(span / 60_000)}m`, now: Date.now(), deployTagPatterns: ['v*', 'deploy-*', 'release-*'], branches: 'current', classify });
    return { ms: performance.now() - t, commits: r.commitCount, groups: r.groups.length };
  };
  const rows = [];
  for (const [label, span] of [['24 h', 24 * 3600e3], ['7 days', 7 * 86400e3], ['90 days', 90 * 86400e3]]) {
    const now = Date.now();
    const since = now - span;
    await gitLogReference(repoDir, since); // warm the page cache for both
    await ours(span);
    const ref = [];
    const mine = [];
    let commits = 0;
    for (let i = 0; i < RUNS; i++) {
      // Alternate so drift on a noisy machine hits both equally.
      ref.push((await gitLogReference(repoDir, since)).ms);
      const o = await ours(span);
      mine.push(o.ms);
      commits = o.commits;
    }
    const ratio = median(mine) / median(ref);
    rows.push({ label, commits, ref: median(ref), ours: median(mine), ratio });
    console.log(`what-changed ${label.padEnd(7)} commits=${String(commits).padStart(6)}  git log ${ms(median(ref)).padStart(10)}  ours ${ms(median(mine)).padStart(10)}  ratio ${ratio.toFixed(2)}x  (target <= 1.20x)`);
  }
  return rows;
}

/** Loads the bundle and calls activate() against a recording stand-in for the editor API. */
function benchActivation() {
  console.log('# activation');
  const bundle = path.join(root, 'dist', 'extension.js');
  const size = fs.statSync(bundle).size;
  const Module = require('node:module');
  const calls = { io: [] };
  const disposable = { dispose() {} };
  const emitter = function () { this.event = () => disposable; this.fire = () => {}; this.dispose = () => {}; };
  // A stand-in for the editor API built from its type declarations: every namespace, class and
  // enum exists; calls return disposables. It measures our code, not the editor's.
  const dts = fs.readFileSync(path.join(root, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const thing = () => new Proxy(function () {}, {
    get: (_t, k) => (k === 'dispose' || k === 'get' ? () => undefined : k === 'then' || k === Symbol.toPrimitive || k === Symbol.iterator ? undefined : k === 'event' ? () => disposable : thing()),
    apply: () => thing(),
    construct: () => thing(),
  });
  const ns = () => new Proxy({}, { get: (_t, k) => (k === 'workspaceFolders' ? [] : k === 'then' ? undefined : thing()) });
  const api = { EventEmitter: emitter };
  for (const m of dts.matchAll(/^\texport (namespace|class|enum) (\w+)/gm)) {
    if (api[m[2]]) continue;
    api[m[2]] = m[1] === 'namespace' ? ns() : m[1] === 'enum' ? new Proxy({}, { get: () => 0 }) : class { constructor() { return thing(); } };
  }
  api.version = '1.100.0';
  const origLoad = Module._load;
  Module._load = function (request, ...rest) { return request === 'vscode' ? api : origLoad.call(this, request, ...rest); };
  // Watch for file and process I/O while activating.
  const fsMod = require('node:fs');
  const cp = require('node:child_process');
  const watched = [[fsMod, ['readFileSync', 'readFile', 'statSync', 'existsSync', 'readdirSync', 'openSync']], [cp, ['spawn', 'execFile', 'execFileSync', 'spawnSync']]];
  const restore = [];
  const results = [];
  for (let i = 0; i < 5; i++) {
    delete require.cache[require.resolve(bundle)];
    const t0 = performance.now();
    const ext = require(bundle);
    const t1 = performance.now();
    for (const [mod, names] of watched) for (const n of names) { const f = mod[n]; restore.push(() => (mod[n] = f)); mod[n] = function (...a) { calls.io.push(`${n}(${String(a[0]).slice(0, 60)})`); return f.apply(this, a); }; }
    const context = { subscriptions: [], extensionUri: {}, globalState: { get() {}, update() {} }, workspaceState: { get() {}, update() {} }, secrets: { get() {}, store() {}, delete() {}, onDidChange: () => disposable } };
    ext.activate(context);
    const t2 = performance.now();
    for (const r of restore.splice(0)) r();
    results.push({ load: t1 - t0, activate: t2 - t1 });
  }
  Module._load = origLoad;
  const load = median(results.map((r) => r.load));
  const act = median(results.map((r) => r.activate));
  console.log(`activation   bundle load ${ms(load)}  activate() ${ms(act)}  total ${ms(load + act)}  (target < 30 ms)`);
  console.log(`activation   I/O calls during activate(): ${calls.io.length ? calls.io.join(', ') : 'none'}`);
  console.log(`bundle       dist/extension.js ${(size / 1024).toFixed(1)} KiB`);
  return { load, act, io: calls.io.length, size };
}

/**
 * Suspect ranking over 100k events (50k changes, 50k failures with frames): the budget is "well
 * under a second". The reference, timed in the same run, is one sort of the same 100k events by
 * time, so the ratio says how many sorts' worth of work the ranking costs on this machine.
 */
function benchCorrelate() {
  const { rankSuspects } = require(path.join(root, 'out/src/core/correlate/suspects.js'));
  const T0 = Date.now();
  const events = (n) => {
    const changes = [];
    const failures = [];
    for (let i = 0; i < n / 2; i++) {
      changes.push({ key: `c${i}`, kind: 'commit', title: `change ${i}`, time: T0 - (i % 5000) * 60_000, files: [{ path: `src/m${i % 997}/f${i % 13}.ts`, risks: i % 50 === 0 ? ['config'] : [] }] });
      failures.push({ key: `f${i}`, origin: i % 2 ? 'log' : 'error', title: `Error ${i}`, firstSeen: T0 + (i % 3000) * 60_000, frameFiles: [`/app/src/m${i % 991}/f${i % 7}.ts`, `src/m${i % 983}/f${i % 13}.ts`] });
    }
    return { changes, failures };
  };
  const measure = (n) => {
    const { changes, failures } = events(n);
    const runs = [];
    const refs = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      rankSuspects({ changes, failures });
      runs.push(performance.now() - t);
      t = performance.now();
      [...changes, ...failures].sort((a, b) => (a.time ?? a.firstSeen) - (b.time ?? b.firstSeen));
      refs.push(performance.now() - t);
    }
    return { ours: median(runs), ref: median(refs) };
  };
  const small = measure(10_000);
  const big = measure(100_000);
  console.log(`correlate    rank 10k events ${ms(small.ours)}, 100k events ${ms(big.ours)} (target well under 1000 ms); growth ${(big.ours / small.ours).toFixed(1)}x for 10x the events (linear: 10x; n log n: about 12x)`);
  console.log(`correlate    one sort of the same 100k events ${ms(big.ref)}; ranking / sort ${(big.ours / big.ref).toFixed(2)}x`);
}

ensureBuilt();
if (which === 'all' || which === 'correlate') benchCorrelate();
if (which === 'all' || which === 'activation') benchActivation();
if (which === 'all' || which === 'changes') await benchChanges();
if (which === 'all' || which === 'refresh') await (await import('./refresh.mjs')).benchRefresh(root);
if (which === 'all' || which === 'logs') await (await import('./logs.mjs')).benchLogs(root);
