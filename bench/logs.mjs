// Logs benchmark: finding a 15-minute window in a large time-ordered log file by seeking, against
// `rg` scanning the same file for the same window, in the same run; peak RSS at two file sizes;
// parse + signature throughput against `wc -l` on the same data.
//   node bench/run.mjs logs          (BENCH_LOG_MB, default 2048; the small size is a tenth of it)
// Generated files are cached in $TMPDIR/incident-desk-bench (delete them to regenerate).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const MIN = 60_000;
const START = Date.UTC(2026, 9, 1);
const SPAN = 30 * 24 * 60 * MIN;
const here = fileURLToPath(import.meta.url);

const MESSAGES = [
  (i) => `INFO order placed id=${i} total=${(i % 9000) / 100} region=eu-west-1`,
  (i) => `INFO GET /api/cart/${i % 100000} 200 ${i % 300}ms`,
  (i) => `DEBUG cache hit key=cart:${i % 5000}`,
  (i) => `WARN slow query took ${1000 + (i % 4000)}ms on orders_by_customer`,
  (i) => `INFO payment authorised for order ${i} via psp-${i % 3}`,
];
const TRACE = (i) => `ERROR unhandled rejection in checkout order=${i}\nTypeError: Cannot read properties of null (reading 'partitionKey')\n    at placeOrder (/srv/app/src/checkout.ts:42:13)\n    at processTicksAndRejections (node:internal/process/task_queues:95:5)`;

/** A time-ordered text log of about `bytes` bytes over `span` ms, with a stack trace every 500 lines. */
function generate(file, bytes, span = SPAN) {
  if (fs.existsSync(file) && Math.abs(fs.statSync(file).size - bytes) < bytes * 0.02) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.partial`;
  const fd = fs.openSync(tmp, 'w');
  const approxLine = 82;
  const lines = Math.ceil(bytes / approxLine);
  const step = span / lines;
  let written = 0;
  let chunk = [];
  let chunkBytes = 0;
  const t0 = performance.now();
  for (let i = 0; written + chunkBytes < bytes; i++) {
    const t = new Date(START + Math.floor(i * step)).toISOString();
    const line = `${t} ${i % 500 === 499 ? TRACE(i) : MESSAGES[i % MESSAGES.length](i)}\n`;
    chunk.push(line);
    chunkBytes += line.length;
    if (chunkBytes > 8 << 20) {
      fs.writeSync(fd, chunk.join(''));
      written += chunkBytes;
      chunk = [];
      chunkBytes = 0;
    }
  }
  fs.writeSync(fd, chunk.join(''));
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
  console.log(`logs         generated ${path.basename(file)} (${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** In a child process (so its peak RSS is its own): one window read, printed as JSON. */
async function child(root, file, start, end, repeat) {
  const { readFileLogs } = await import(path.join(root, 'out/src/sources/logs/file/fileLogSource.js'));
  const before = process.memoryUsage().rss;
  // The first read pays for compiling our code; the view's later refreshes do not.
  const times = [];
  let r;
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    // As the Logs view reads: error and warning signatures, success counted.
    r = await readFileLogs({ path: file, timeZone: 'UTC' }, { window: { start, end }, signatureLevels: ['warn', 'error', 'fatal', 'unknown'], success: { kind: 'regex', pattern: '^order placed' } });
    times.push(performance.now() - t);
  }
  const ms = times.length > 1 ? median(times.slice(1)) : times[0];
  const cold = times[0];
  const bytesRead = r.status.reads.reduce((n, x) => n + x.bytesRead, 0);
  process.stdout.write(JSON.stringify({ ms, cold, bytesRead, entries: r.status.counts.entries, signatures: r.signatures.length, mode: r.status.reads.map((x) => x.mode).join(','), rssBefore: before, maxRss: process.resourceUsage().maxRSS * 1024, lines: r.status.counts.lines }));
}

function runChild(root, file, start, end, repeat = 1) {
  const out = execFileSync(process.execPath, [here, '--child', root, file, String(start), String(end), String(repeat)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out);
}

function timeTool(cmd, args) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let bytes = 0;
    let text = '';
    p.stdout.on('data', (c) => {
      bytes += c.length;
      if (text.length < 200) text += c.toString();
    });
    p.on('error', reject);
    p.on('close', () => resolve({ ms: performance.now() - t, bytes, text }));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (b) => `${(b / 2 ** 20).toFixed(1)} MB`;

export async function benchLogs(root) {
  const bigMb = Number(process.env.BENCH_LOG_MB || 2048);
  const runs = Number(process.env.BENCH_RUNS || 3);
  const dir = path.join(os.tmpdir(), 'incident-desk-bench');
  const free = Number(execFileSync('df', ['-Pk', os.tmpdir()], { encoding: 'utf8' }).trim().split('\n')[1].split(/\s+/)[3]) * 1024;
  const wanted = bigMb * 1.1 * 2 ** 20 + 0.1 * bigMb * 2 ** 20;
  const size = free > wanted * 1.5 ? bigMb : Math.max(100, Math.floor(free / 1.5 / 1.2 / 2 ** 20));
  if (size !== bigMb) console.log(`logs         disk is tight: using ${size} MB instead of ${bigMb} MB`);
  const big = path.join(dir, `app-${size}mb.log`);
  const small = path.join(dir, `app-${Math.round(size / 10)}mb-3days.log`);
  console.log(`# logs: a 15-minute window in a ${size} MB time-ordered file (cached in ${dir})`);
  // The same lines per minute in both: the small file covers 3 days, the large one 30.
  generate(small, Math.round(size / 10) * 2 ** 20, SPAN / 10);
  generate(big, size * 2 ** 20);

  const results = {};
  for (const [label, file, days] of [['small', small, 2], ['large', big, 20]]) {
    // 12:00–12:15 UTC of a day about two thirds into the file.
    const start = START + days * 24 * 60 * MIN + 12 * 60 * MIN;
    const end = start + 15 * MIN;
    const stamp = new Date(start).toISOString().slice(0, 13);
    const pattern = `^${stamp}:(0[0-9]|1[0-4])`;
    const total = fs.statSync(file).size;
    await timeTool('rg', ['-c', pattern, file]); // both read from a warm page cache
    const ours = [];
    const cold = [];
    const ref = [];
    let last;
    for (let i = 0; i < runs; i++) {
      last = runChild(root, file, start, end, 6);
      ours.push(last.ms);
      cold.push(last.cold);
      ref.push((await timeTool('rg', ['-c', pattern, file])).ms);
    }
    const grepCount = Number((await timeTool('rg', ['-c', pattern, file])).text.trim());
    results[label] = { total, ours: median(ours), ref: median(ref), ...last };
    console.log(
      `logs ${label.padEnd(6)} ${mb(total).padStart(10)}  read ${mb(last.bytesRead)} (${((last.bytesRead / total) * 100).toFixed(3)}% of the file, ${last.mode})  entries ${last.entries} (rg lines ${grepCount})  ours ${median(ours).toFixed(1)} ms (first call in a fresh process ${median(cold).toFixed(1)} ms)  rg ${median(ref).toFixed(1)} ms  rg/ours ${(median(ref) / median(ours)).toFixed(1)}x, first call ${(median(ref) / median(cold)).toFixed(1)}x (target >= 20x)  peak RSS ${mb(last.maxRss)}`,
    );
  }
  const growth = results.large.maxRss / results.small.maxRss;
  console.log(`logs         peak RSS ${mb(results.small.maxRss)} at ${mb(results.small.total)} vs ${mb(results.large.maxRss)} at ${mb(results.large.total)}: ratio ${growth.toFixed(2)} for a ${(results.large.total / results.small.total).toFixed(0)}x larger file with the same lines per minute (flat: about 1)`);

  // Throughput: parse and group the whole small file's window of 30 days vs `wc -l` on it.
  const tp = path.join(dir, 'throughput-50mb.log');
  generate(tp, 50 * 2 ** 20);
  const all = runChild(root, tp, START + 24 * 60 * MIN, START + SPAN);
  const wc = await timeTool('wc', ['-l', tp]);
  const lines = Number(wc.text.trim().split(/\s+/)[0]);
  console.log(`logs         parse + signatures ${(all.lines / (all.ms / 1000) / 1e6).toFixed(2)} M lines/s (${all.lines} lines, ${all.signatures} signatures, ${all.ms.toFixed(0)} ms); wc -l ${(lines / (wc.ms / 1000) / 1e6).toFixed(1)} M lines/s; ratio wc/ours ${(all.ms / wc.ms).toFixed(1)}x slower than the floor`);
  return results;
}

if (process.argv[2] === '--child') {
  const [, , , root, file, start, end, repeat] = process.argv;
  await child(root, file, Number(start), Number(end), Number(repeat) || 1);
} else if (process.argv[1] === here) {
  await benchLogs(path.resolve(path.dirname(here), '..'));
}
