#!/usr/bin/env node
// Generates a large git repository for benchmarks by streaming commands to `git fast-import`.
//
//   node bench/gen-repo.mjs <targetDir> [--commits 100000] [--days 120] [--max-age-hours 24] [--json]
//
// Commits are spread evenly over the last --days days, ending a few minutes before now, so a
// 24-hour, 7-day or 90-day window holds a proportionate share. An existing repository made by
// this script with the same parameters is reused (stamp file in .git/); it is regenerated when
// the parameters differ or when it is older than --max-age-hours, because the windows above are
// relative to now and an old repository would have nothing in its last 24 hours.
//
// Also importable: `await ensureBenchRepo({ dir, commits, days })`.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mulberry32, stamp } from '../scripts/lib/generate.mjs';

const GENERATOR_VERSION = 1;
const MARKER = '.incident-desk-bench';
const STAMP = 'incident-desk-bench.json';
const SEED = 0x5eed2024;
const ORG = 'acme-bench';

const AUTHORS = [
  ['Ines Marchetti', '+0100'], ['Kofi Mensah', '+0000'], ['Yuki Sato', '+0900'], ['Dana Whitlock', '-0500'],
  ['Pavel Novak', '+0100'], ['Amara Eze', '+0100'], ['Lars Holm', '+0100'], ['Beatriz Lima', '-0300'],
  ['Omar Farouk', '+0200'], ['Hannah Kerr', '-0800'], ['Ravi Menon', '+0530'], ['Zoe Laurent', '+0100'],
].map(([name, tz]) => ({ name, email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`, tz }));

const SERVICES = ['billing', 'checkout', 'catalog', 'search', 'inventory', 'shipping', 'accounts', 'notifications',
  'pricing', 'reviews', 'gateway', 'reporting', 'auth', 'media', 'loyalty', 'fraud', 'tax', 'returns'];
const MODULES = ['api', 'db', 'handlers', 'models', 'jobs', 'clients', 'metrics', 'config', 'util', 'events'];
const NOUNS = ['order', 'invoice', 'cart', 'session', 'token', 'price', 'customer', 'address', 'refund', 'coupon',
  'queue', 'cache', 'batch', 'report', 'webhook', 'ledger', 'quota', 'export', 'import', 'schedule', 'retry', 'limit'];
const SUFFIXES = ['service', 'repository', 'handler', 'client', 'mapper', 'validator', 'store', 'worker', 'routes', 'types'];
const PACKAGES = ['logging', 'http-kit', 'config-loader', 'feature-flags', 'db-pool', 'metrics', 'tracing', 'testing'];
const DEPS = ['express', 'pg', 'zod', 'pino', 'axios', 'ioredis', 'kafkajs', 'prom-client', 'yaml', 'dayjs'];
const FIXES = ['a null check', 'the retry loop', 'an off-by-one in pagination', 'timezone handling', 'a race on shutdown',
  'error mapping', 'the cache key', 'a leaked connection', 'rounding of totals', 'the batch size', 'header parsing'];
const FEATURES = ['cursor pagination', 'idempotency keys', 'a circuit breaker', 'structured logs', 'bulk export',
  'rate limiting', 'soft deletes', 'audit events', 'a health check', 'request tracing', 'partial refunds'];

export async function ensureBenchRepo({ dir, commits = 100000, days = 120, maxAgeHours = 24, log = console.log }) {
  const target = resolve(dir);
  const params = { generator: GENERATOR_VERSION, commits, days, seed: SEED };
  const reason = reuseProblem(target, params, maxAgeHours);
  if (!reason) {
    const stamp = readStamp(target);
    log(`gen-repo: reusing ${target} (${commits} commits over ${days} days, made ${ageHours(stamp).toFixed(1)} h ago)`);
    return { ...stamp, dir: target, reused: true };
  }
  log(`gen-repo: generating ${target}: ${reason}`);
  prepareTarget(target);
  const started = process.hrtime.bigint();
  const nowSec = Math.floor(Date.now() / 1000);
  const stats = await generate(target, { commits, days, nowSec });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stamp = { ...params, nowSec, createdAt: new Date(nowSec * 1000).toISOString(), seconds: round1(seconds),
    head: git(target, ['rev-parse', 'refs/heads/main']), ...stats };
  writeFileSync(join(target, '.git', STAMP), JSON.stringify(stamp, null, 2) + '\n');
  log(`gen-repo: ${stats.commits} commits, ${stats.tags} deploy tags, ${stats.paths} paths in HEAD, in ${seconds.toFixed(1)} s`);
  return { ...stamp, dir: target, reused: false };
}

/** Why the existing target cannot be reused, or '' when it can. */
function reuseProblem(target, params, maxAgeHours) {
  if (!existsSync(target)) return 'no repository yet';
  const stamp = readStamp(target);
  if (!stamp) return 'no complete generated repository in it';
  for (const key of Object.keys(params)) {
    if (stamp[key] !== params[key]) return `${key} changed (${stamp[key]} -> ${params[key]})`;
  }
  if (ageHours(stamp) > maxAgeHours) return `it is ${ageHours(stamp).toFixed(1)} h old (more than ${maxAgeHours} h)`;
  try {
    if (git(target, ['rev-parse', 'refs/heads/main']) !== stamp.head) return 'main moved since generation';
  } catch {
    return 'git cannot read it';
  }
  return '';
}

function readStamp(target) {
  try {
    return JSON.parse(readFileSync(join(target, '.git', STAMP), 'utf8'));
  } catch {
    return undefined;
  }
}

const ageHours = (stamp) => (Date.now() / 1000 - stamp.nowSec) / 3600;
const round1 = (n) => Math.round(n * 10) / 10;

/** Empties the target, but only if it is empty or this script made it. */
function prepareTarget(target) {
  if (existsSync(target)) {
    if (!lstatSync(target).isDirectory()) throw new Error(`${target} exists and is not a directory`);
    const entries = readdirSync(target);
    if (entries.length > 0 && !entries.includes(MARKER)) {
      throw new Error(`${target} is not empty and was not made by gen-repo (no ${MARKER}); refusing to delete it`);
    }
    rmSync(target, { recursive: true, force: true });
  }
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, MARKER), 'Benchmark repository made by bench/gen-repo.mjs; it may delete and recreate this folder.\n');
}

async function generate(dir, { commits, days, nowSec }) {
  const began = process.hrtime.bigint();
  git(dir, ['init', '-q', '-b', 'main']);
  writeFileSync(join(dir, '.git', 'info', 'exclude'), `/${MARKER}\n`);
  // glibc otherwise returns freed memory to the kernel after every object (one brk call per
  // zlib stream), which costs more system time than the import itself.
  const env = { ...gitEnv(), MALLOC_TOP_PAD_: String(256 << 20), MALLOC_TRIM_THRESHOLD_: String(512 << 20) };
  const child = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: dir, env, stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((res) => child.on('close', res));

  const out = new Writer(child.stdin);
  const stats = await writeHistory(out, { commits, days, nowSec });
  await out.end('done\n');
  const code = await exited;
  if (code !== 0) throw new Error(`git fast-import failed (${code}): ${stderr.slice(0, 2000)}`);

  const imported = process.hrtime.bigint();

  git(dir, ['update-ref', '-d', 'refs/heads/pr-head']);
  git(dir, ['reset', '-q', '--hard', 'main']);
  const checkedOut = process.hrtime.bigint();
  // Real clones of big repositories have a commit-graph (written by gc); so does this one.
  git(dir, ['commit-graph', 'write', '--reachable']);
  const done = process.hrtime.bigint();
  const secs = (a, b) => round1(Number(b - a) / 1e9);
  return { ...stats, phases: { fastImport: secs(began, imported), checkout: secs(imported, checkedOut), commitGraph: secs(checkedOut, done) } };
}

/** Buffers the stream into large writes and respects backpressure from git. */
class Writer {
  constructor(stream) {
    this.stream = stream;
    this.parts = [];
    this.size = 0;
  }
  async write(text) {
    this.parts.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) await this.flush();
  }
  async flush() {
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await new Promise((res) => this.stream.once('drain', res));
  }
  async end(text) {
    await this.write(text);
    await this.flush();
    await new Promise((res) => this.stream.end(res));
  }
}

async function writeHistory(out, { commits, days, nowSec }) {
  const rand = mulberry32(SEED);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const files = new PathPool(initialPaths(rand));
  const start = nowSec - days * 86400;
  const step = (days * 86400 - 300) / commits; // the newest commit lands about five minutes ago
  const bigCommitAt = Math.floor(commits * 0.6);
  const tagEvery = 6 * 3600;
  let nextTag = start + tagEvery;
  let made = 0;
  let tags = 0;
  let pr = 1000;
  let revision = 0;

  const when = (i) => Math.floor(start + i * step);
  const content = (path) => `// ${path}\n// revision ${++revision}\nexport const rev = ${revision};\n` +
    `export function describe(): string {\n  return '${path.split('/').pop()} r${revision}';\n}\n`;
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const modify = (path) => `M 100644 inline ${path}\n${data(content(path))}`;
  const header = (ref, who, time, subject, body = '') =>
    `commit ${ref}\nauthor ${who.name} <${who.email}> ${time} ${who.tz}\ncommitter ${who.name} <${who.email}> ${time} ${who.tz}\n` +
    data(body ? `${subject}\n\n${body}\n` : `${subject}\n`);

  // Root commit: the whole initial tree.
  let ops = files.all().map(modify).join('');
  await out.write(header('refs/heads/main', AUTHORS[0], when(0), 'Initial import of the platform monorepo') + ops + '\n');
  made++;

  while (made < commits) {
    const time = when(made);
    while (time >= nextTag) {
      await out.write(`tag deploy-${stamp(nextTag)}\nfrom refs/heads/main\ntagger Deploy Bot <deploy-bot@example.com> ${nextTag} +0000\n` +
        data('Deployed to production'));
      tags++;
      nextTag += tagEvery;
    }
    const who = pick(AUTHORS);
    if (made === bigCommitAt) {
      ops = files.sample(rand, Math.min(2000, files.size)).map(modify).join('');
      await out.write(header('refs/heads/main', who, time, 'Reformat all sources with the new prettier config',
        'No functional change. Generated with `npm run format`.') + ops + '\n');
      made++;
      continue;
    }
    // About one change in seven is a pull request: one branch commit plus a merge commit.
    if (rand() < 0.14 && made + 2 <= commits) {
      const paths = files.sample(rand, 1 + Math.floor(rand() * 4));
      const blobs = paths.map((p) => ({ p, text: content(p) }));
      const title = subject(rand, pick, files, paths[0]);
      const branch = `${pick(['feat', 'fix', 'chore'])}/${pick(NOUNS)}-${pick(NOUNS)}-${made}`;
      const ops1 = blobs.map(({ p, text }) => `M 100644 inline ${p}\n${data(text)}`).join('');
      await out.write(header('refs/heads/pr-head', who, time - 1, title) + 'from refs/heads/main\n' + ops1 + '\n');
      const mergeWho = pick(AUTHORS);
      const mergeOps = blobs.map(({ p, text }) => `M 100644 inline ${p}\n${data(text)}`).join('');
      await out.write(header('refs/heads/main', mergeWho, time, `Merge pull request #${++pr} from ${ORG}/${branch}`, title) +
        'merge refs/heads/pr-head\n' + mergeOps + '\n');
      made += 2;
      continue;
    }
    ops = '';
    const roll = rand();
    const count = 1 + Math.floor(rand() * 5);
    const paths = files.sample(rand, count);
    let msg = subject(rand, pick, files, paths[0]);
    if (roll < 0.02 && files.size > 2500) {
      const gone = paths[0];
      files.remove(gone);
      ops += `D ${gone}\n`;
      msg = `Remove unused ${gone.split('/').pop()}`;
      paths.shift();
    } else if (roll < 0.04) {
      const from = paths.shift();
      const to = files.freshSibling(from, rand);
      files.rename(from, to);
      ops += `R ${from} ${to}\n`;
      msg = `Rename ${from.split('/').pop()} to ${to.split('/').pop()}`;
    } else if (roll < 0.07) {
      const added = files.freshSibling(paths[0], rand);
      files.add(added);
      ops += modify(added);
      msg = `Add ${added.split('/').pop()}`;
    }
    ops += paths.map(modify).join('');
    if (!ops) ops = modify(files.sample(rand, 1)[0]);
    const body = rand() < 0.25 ? `${pick(['Found while', 'Needed for', 'Follow-up to'])} ${pick(FEATURES)} in ${pick(SERVICES)}.` : '';
    await out.write(header('refs/heads/main', who, time, msg, body) + ops + '\n');
    made++;
  }
  return { commits: made, tags, paths: files.size };
}

function subject(rand, pick, files, path) {
  const parts = path.split('/');
  const area = parts[1] ?? parts[0];
  const file = parts[parts.length - 1].replace(/\.[a-z]+$/, '');
  const r = rand();
  if (r < 0.2) return `Fix ${pick(FIXES)} in ${file}`;
  if (r < 0.35) return `Add ${pick(FEATURES)} to ${area}`;
  if (r < 0.5) return `fix(${area}): handle empty ${pick(NOUNS)} list`;
  if (r < 0.62) return `feat(${area}): support ${pick(FEATURES)}`;
  if (r < 0.72) return `Refactor ${file} ${pick(['error handling', 'tests', 'configuration', 'types', 'logging'])}`;
  if (r < 0.78) {
    const major = 1 + Math.floor(rand() * 9);
    const minor = Math.floor(rand() * 20);
    return `Bump ${pick(DEPS)} from ${major}.${minor}.${Math.floor(rand() * 9)} to ${major}.${minor + 1}.0`;
  }
  if (r < 0.86) return `chore(${area}): tidy up ${file}`;
  if (r < 0.93) return `Speed up ${pick(NOUNS)} lookups in ${area}`;
  return `[${area}] Log ${pick(NOUNS)} ids on failure`;
}

/** About 2,800 paths in nested folders: services/<svc>/{src,test}/<module>/…, packages/, docs/, infra/. */
function initialPaths(rand) {
  const paths = new Set();
  for (const svc of SERVICES) {
    for (const mod of MODULES) {
      const n = 6 + Math.floor(rand() * 10);
      for (let i = 0; i < n; i++) {
        const name = `${NOUNS[Math.floor(rand() * NOUNS.length)]}-${SUFFIXES[Math.floor(rand() * SUFFIXES.length)]}`;
        paths.add(`services/${svc}/src/${mod}/${name}.ts`);
        if (rand() < 0.4) paths.add(`services/${svc}/test/${mod}/${name}.test.ts`);
      }
    }
    paths.add(`services/${svc}/package.json`);
    paths.add(`services/${svc}/README.md`);
    paths.add(`infra/k8s/${svc}/deployment.yaml`);
    paths.add(`infra/k8s/${svc}/service.yaml`);
  }
  for (const pkg of PACKAGES) {
    for (let i = 0; i < 25; i++) paths.add(`packages/${pkg}/src/${NOUNS[i % NOUNS.length]}${i >= NOUNS.length ? '-2' : ''}.ts`);
  }
  for (let i = 0; i < 60; i++) paths.add(`docs/${SERVICES[i % SERVICES.length]}/${NOUNS[i % NOUNS.length]}-${i}.md`);
  return [...paths].sort();
}

/** Live paths with O(1) random pick, add, remove. */
class PathPool {
  constructor(paths) {
    this.list = [...paths];
    this.index = new Map(this.list.map((p, i) => [p, i]));
  }
  get size() {
    return this.list.length;
  }
  all() {
    return [...this.list];
  }
  add(p) {
    this.index.set(p, this.list.length);
    this.list.push(p);
  }
  remove(p) {
    const i = this.index.get(p);
    const last = this.list.pop();
    if (last !== p) {
      this.list[i] = last;
      this.index.set(last, i);
    }
    this.index.delete(p);
  }
  rename(from, to) {
    this.remove(from);
    this.add(to);
  }
  /** `n` distinct random paths. */
  sample(rand, n) {
    const chosen = new Set();
    while (chosen.size < n) chosen.add(this.list[Math.floor(rand() * this.list.length)]);
    return [...chosen];
  }
  /** A path in the same folder that does not exist yet. */
  freshSibling(p, rand) {
    const dir = p.slice(0, p.lastIndexOf('/'));
    const ext = p.endsWith('.test.ts') ? '.test.ts' : p.slice(p.lastIndexOf('.'));
    for (;;) {
      const candidate = `${dir}/${NOUNS[Math.floor(rand() * NOUNS.length)]}-${SUFFIXES[Math.floor(rand() * SUFFIXES.length)]}` +
        `-${Math.floor(rand() * 1000)}${ext}`;
      if (!this.index.has(candidate)) return candidate;
    }
  }
}

function gitEnv() {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
  for (const key of Object.keys(env)) if (/^GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY)$/.test(key)) delete env[key];
  return env;
}

function git(dir, args) {
  return execFileSync('git', args, { cwd: dir, env: gitEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}



function parseArgs(argv) {
  const opts = { commits: 100000, days: 120, maxAgeHours: 24, json: false };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v <= 0) throw new Error(`${a} needs a positive number`);
      return v;
    };
    if (a === '--commits') opts.commits = Math.floor(num());
    else if (a === '--days') opts.days = num();
    else if (a === '--max-age-hours') opts.maxAgeHours = num();
    else if (a === '--json') opts.json = true;
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else rest.push(a);
  }
  if (rest.length !== 1) throw new Error('usage: node bench/gen-repo.mjs <targetDir> [--commits 100000] [--days 120] [--max-age-hours 24] [--json]');
  if (opts.commits < 10) throw new Error('--commits must be at least 10');
  return { dir: rest[0], ...opts };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    const log = opts.json ? (m) => console.error(m) : console.log;
    const result = await ensureBenchRepo({ ...opts, log });
    if (opts.json) console.log(JSON.stringify(result));
  } catch (err) {
    console.error(`gen-repo: ${err.message}`);
    process.exit(1);
  }
}
