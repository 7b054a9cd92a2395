import * as assert from 'assert';
import { spawn } from 'child_process';
import { promises as fsp } from 'fs';
import { hostname, tmpdir } from 'os';
import { join } from 'path';
import { createIncidentFile } from '../../../src/core/timeline/create';
import { appendEntryToFile, lockPathFor, nodeAppendFs } from '../../../src/core/timeline/fileAppend';
import { LockTimeoutError } from '../../../src/core/timeline/fileLock';
import { parseIncident } from '../../../src/core/timeline/parse';

const WORKERS = 4;
const APPENDS_PER_WORKER = 250;

function runWorker(file: string, worker: number, count: number): Promise<{ worker: string; ids: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'appendWorker.js'), file, String(worker), String(count)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as { worker: string; ids: string[] }) : reject(new Error(`worker ${worker} exited ${code}: ${err}`))));
  });
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const pid = child.pid!;
  await new Promise((r) => child.on('exit', r));
  return pid;
}

describe('appendEntryToFile', function () {
  this.timeout(30_000);
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await fsp.mkdtemp(join(tmpdir(), 'incident-append-'));
    file = join(dir, '2026-11-23-checkout.md');
    const text = createIncidentFile({ title: 'Checkout', severity: 'SEV2', services: ['checkout'], commander: 'Ana', started: '2026-11-23T14:00:00Z' });
    await fsp.writeFile(file, text);
  });

  afterEach(async () => {
    await fsp.rm(dir, { recursive: true, force: true });
  });

  async function leftovers(): Promise<string[]> {
    return (await fsp.readdir(dir)).filter((name) => name !== '2026-11-23-checkout.md');
  }

  it(`keeps all ${WORKERS * APPENDS_PER_WORKER} entries from ${WORKERS} processes appending at once, with unique hypothesis ids`, async () => {
    const results = await Promise.all(Array.from({ length: WORKERS }, (_, w) => runWorker(file, w, APPENDS_PER_WORKER)));
    const parsed = parseIncident(await fsp.readFile(file, 'utf8'));
    assert.deepStrictEqual(parsed.problems, []);
    assert.strictEqual(parsed.entries.length, WORKERS * APPENDS_PER_WORKER);
    const seen = new Map<string, number>();
    for (const e of parsed.entries) {
      const key = e.text.split('\n')[0]!;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    for (let w = 0; w < WORKERS; w++) {
      const mine = parsed.entries.filter((e) => e.author === `Worker ${w}`).map((e) => Number(/entry (\d+)/.exec(e.text)![1]));
      assert.deepStrictEqual(mine, Array.from({ length: APPENDS_PER_WORKER }, (_, n) => n), `worker ${w} in order`);
      for (let n = 0; n < APPENDS_PER_WORKER; n++) assert.strictEqual(seen.get(`worker ${w} entry ${n}`), 1);
    }
    // Each worker writes a hypothesis for every fourth entry (n = 0, 4, …).
    const expectedHypotheses = WORKERS * Math.ceil(APPENDS_PER_WORKER / 4);
    const ids = parsed.hypotheses.map((h) => h.id);
    assert.deepStrictEqual(ids, Array.from({ length: expectedHypotheses }, (_, i) => `H${i + 1}`));
    const reported = results.flatMap((r) => r.ids);
    assert.strictEqual(new Set(reported).size, expectedHypotheses);
    assert.deepStrictEqual(await leftovers(), []);
  });

  it('appends one entry with the time taken under the lock and preserves the file mode', async () => {
    await fsp.chmod(file, 0o640);
    const result = await appendEntryToFile(file, { kind: 'hypothesis', author: 'Ana', text: 'cache' }, { now: () => Date.UTC(2026, 10, 23, 14, 5, 0) });
    assert.deepStrictEqual(result.entry, { at: '2026-11-23T14:05:00Z', kind: 'hypothesis', hypothesis: 'H1', author: 'Ana', text: 'cache', links: [] });
    assert.strictEqual(result.line, 15);
    const text = await fsp.readFile(file, 'utf8');
    assert.ok(text.endsWith('## Timeline\n\n- **2026-11-23T14:05:00Z** · hypothesis H1 · Ana — cache\n'));
    if (process.platform !== 'win32') assert.strictEqual((await fsp.stat(file)).mode & 0o777, 0o640);
    assert.deepStrictEqual(await leftovers(), []);
  });

  it('keeps bytes that are not valid UTF-8, a BOM and CRLF exactly', async () => {
    const before = Buffer.concat([
      Buffer.from('\uFEFF---\r\ntitle: bytes\r\n---\r\n\r\n## Timeline\r\n\r\n- **2026-01-01T00:00:00Z** · note · A — bad byte: '),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('\r\n\r\n## Notes\r\n'),
    ]);
    await fsp.writeFile(file, before);
    await appendEntryToFile(file, { at: '2026-01-01T00:01:00Z', kind: 'note', author: 'B', text: 'after' });
    const after = await fsp.readFile(file);
    const inserted = Buffer.from('- **2026-01-01T00:01:00Z** · note · B — after\r\n');
    const at = after.indexOf(inserted);
    assert.ok(at > 0);
    assert.ok(Buffer.concat([after.subarray(0, at), after.subarray(at + inserted.length)]).equals(before));
    assert.ok(after.subarray(at - 5, at).equals(Buffer.from([0xff, 0xfe, 0xc3, 0x0d, 0x0a])));
  });

  it('breaks a lock left behind by a process that no longer runs', async () => {
    const lock = lockPathFor(file);
    await fsp.writeFile(lock, JSON.stringify({ pid: await deadPid(), host: hostname(), token: 'old', created: '' }));
    const started = Date.now();
    await appendEntryToFile(file, { kind: 'note', author: 'A', text: 'x' }, { timeoutMs: 2_000 });
    assert.ok(Date.now() - started < 1_000);
    assert.deepStrictEqual(await leftovers(), []);
  });

  it('breaks a lock older than the stale age even from another host', async () => {
    const lock = lockPathFor(file);
    await fsp.writeFile(lock, JSON.stringify({ pid: 1, host: 'elsewhere', token: 'old', created: '' }));
    const old = new Date(Date.now() - 60_000);
    await fsp.utimes(lock, old, old);
    await appendEntryToFile(file, { kind: 'note', author: 'A', text: 'x' }, { timeoutMs: 2_000, staleMs: 30_000 });
    assert.strictEqual(parseIncident(await fsp.readFile(file, 'utf8')).entries.length, 1);
  });

  it('gives up after the bounded wait while a live process holds the lock', async () => {
    const lock = lockPathFor(file);
    const content = JSON.stringify({ pid: process.pid, host: hostname(), token: 'live', created: '' });
    await fsp.writeFile(lock, content);
    const started = Date.now();
    await assert.rejects(appendEntryToFile(file, { kind: 'note', author: 'A', text: 'x' }, { timeoutMs: 300 }), (error: unknown) => {
      assert.ok(error instanceof LockTimeoutError);
      assert.match(error.message, /held by pid \d+/);
      return true;
    });
    const waited = Date.now() - started;
    assert.ok(waited >= 250 && waited < 2_000, `waited ${waited} ms`);
    assert.strictEqual(await fsp.readFile(lock, 'utf8'), content);
    assert.strictEqual(parseIncident(await fsp.readFile(file, 'utf8')).entries.length, 0);
  });

  it('cleans up the temporary file and the lock when the write fails, leaving the file as it was', async () => {
    const before = await fsp.readFile(file, 'utf8');
    const failingFs = { ...nodeAppendFs, rename: () => Promise.reject(Object.assign(new Error('disk full'), { code: 'ENOSPC' })) };
    await assert.rejects(appendEntryToFile(file, { kind: 'note', author: 'A', text: 'x' }, { fs: failingFs }), /disk full/);
    assert.strictEqual(await fsp.readFile(file, 'utf8'), before);
    assert.deepStrictEqual(await leftovers(), []);
  });

  it('refuses an entry that would not read back, without writing', async () => {
    const before = await fsp.readFile(file, 'utf8');
    await assert.rejects(appendEntryToFile(file, { kind: 'refute', hypothesis: 'H1', author: 'A', text: 'no' }), /no hypothesis H1/);
    assert.strictEqual(await fsp.readFile(file, 'utf8'), before);
    assert.deepStrictEqual(await leftovers(), []);
  });

  it('writes through a symbolic link to the real file', async function () {
    if (process.platform === 'win32') this.skip();
    const link = join(dir, 'current.md');
    await fsp.symlink(file, link);
    const result = await appendEntryToFile(link, { kind: 'note', author: 'A', text: 'via link' });
    assert.strictEqual(result.path, await fsp.realpath(file));
    assert.ok((await fsp.lstat(link)).isSymbolicLink());
    assert.strictEqual(parseIncident(await fsp.readFile(file, 'utf8')).entries[0]!.text, 'via link');
  });
});
