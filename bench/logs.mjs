// Logs benchmark: a 15-minute window in a large time-ordered log file against `rg` printing the
// same window's lines, in the same run, measured twice: (a) finding the window (seek + read its
// lines: the work rg does) and (b) the Logs view's full read (the window and its one-hour
// baseline parsed, signatures grouped, successes counted). Peak RSS at two file sizes; parse +
// signature throughput against `wc -l` on the same data.
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

/**
 * (a) Finding the window, the work `rg` does: locate the window's byte range (sample the order,
 * seek both ends: the same `locateRange` the file source calls) and read its lines.
 */
async function findWindowLines(m, file, start, end) {
  const fh = await m.fsp.open(file, 'r');
  try {
    const { size } = await fh.stat();
    const reader = new m.BlockReader(fh, size);
    const time = new m.TimeParser({ timeZone: 'UTC' });
    const head = [];
    const hs = new m.LineSplitter((l) => head.push(l));
    hs.push(await reader.read(0, 64 * 1024));
    const timer = m.createLineTimer(m.detectFormat(head, time).spec, time);
    const at = await m.locateRange(reader, { start, end: end - 1 }, 0, timer);
    let lines = [];
    const splitter = new m.LineSplitter((l) => lines.push(l));
    const buf = new Uint8Array(1 << 20);
    for (let pos = at.start, stop = at.end ?? size; pos < stop; ) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, stop - pos), pos);
      if (bytesRead === 0) break;
      splitter.push(buf.subarray(0, bytesRead));
      pos += bytesRead;
    }
    splitter.end();
    // The located range is exact to a block: trim the timed lines outside the window (and
    // their continuation lines) at both edges, as rg does not print them. The file is ordered,
    // so only the edges need reading.
    let first = 0;
    for (; first < lines.length; first++) {
      const t = timer(lines[first]);
      if (t !== undefined && t >= start) break;
    }
    let last = lines.length;
    for (let k = lines.length - 1; k >= first; k--) {
      const t = timer(lines[k]);
      if (t === undefined) continue;
      if (t < end) break;
      last = k;
    }
    lines = lines.slice(first, last);
    return { lines: lines.length, bytesRead: reader.bytesRead + ((at.end ?? size) - at.start), mode: at.mode };
  } finally {
    await fh.close();
  }
}

async function loadModules(root) {
  const load = (p) => import(path.join(root, 'out/src', p));
  return {
    fsp: await import('node:fs/promises'),
    ...(await load('sources/logs/file/seek.js')),
    ...(await load('core/logs/detect.js')),
    ...(await load('core/logs/lineTime.js')),
    ...(await load('core/logs/lineSplitter.js')),
    ...(await load('core/logs/time.js')),
    ...(await load('sources/logs/file/fileLogSource.js')),
  };
}

/** In a child process (so its peak RSS is its own): `repeat` reads of one kind, printed as JSON. */
async function child(root, kind, file, start, end, repeat) {
  const m = await loadModules(root);
  const before = process.memoryUsage().rss;
  // The first read pays for compiling our code; the view's later refreshes do not.
  const times = [];
  let r;
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    if (kind === 'find') r = await findWindowLines(m, file, start, end);
    // (b) As the Logs view reads: the window and its baseline (an hour before it) parsed, error
    // and warning signatures grouped, successes counted.
    else r = await m.readFileLogs({ path: file, timeZone: 'UTC' }, { window: { start, end }, signatureLevels: ['warn', 'error', 'fatal', 'unknown'], success: { kind: 'regex', pattern: '^order placed' } });
    times.push(performance.now() - t);
  }
  const ms = times.length > 1 ? median(times.slice(1)) : times[0];
  const cold = times[0];
  const out = kind === 'find'
    ? { lines: r.lines, bytesRead: r.bytesRead, mode: r.mode }
    : { bytesRead: r.status.reads.reduce((n, x) => n + x.bytesRead, 0), entries: r.status.counts.entries, signatures: r.signatures.length, mode: r.status.reads.map((x) => x.mode).join(','), lines: r.status.counts.lines };
  process.stdout.write(JSON.stringify({ ms, cold, ...out, rssBefore: before, maxRss: process.resourceUsage().maxRSS * 1024 }));
}

function runChild(root, kind, file, start, end, repeat = 1) {
  const out = execFileSync(process.execPath, [here, '--child', root, kind, file, String(start), String(end), String(repeat)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out);
}

function timeTool(cmd, args) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let bytes = 0;
    let lines = 0;
    let text = '';
    p.stdout.on('data', (c) => {
      bytes += c.length;
      for (let i = c.indexOf(10); i >= 0; i = c.indexOf(10, i + 1)) lines++;
      if (text.length < 200) text += c.toString();
    });
    p.on('error', reject);
    p.on('close', () => resolve({ ms: performance.now() - t, bytes, lines, text }));
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
  const missed = [];
  for (const [label, file, days] of [['small', small, 2], ['large', big, 20]]) {
    // 12:00–12:15 UTC of a day about two thirds into the file.
    const start = START + days * 24 * 60 * MIN + 12 * 60 * MIN;
    const end = start + 15 * MIN;
    const stamp = new Date(start).toISOString().slice(0, 13);
    const pattern = `^${stamp}:(0[0-9]|1[0-4])`;
    const total = fs.statSync(file).size;
    // rg prints the window's lines into a pipe we drain: the same work as (a).
    await timeTool('rg', [pattern, file]); // both read from a warm page cache
    const find = [], findCold = [], view = [], viewCold = [], ref = [];
    let f, v, rgLines;
    for (let i = 0; i < runs; i++) {
      f = runChild(root, 'find', file, start, end, 6);
      find.push(f.ms);
      findCold.push(f.cold);
      v = runChild(root, 'view', file, start, end, 6);
      view.push(v.ms);
      viewCold.push(v.cold);
      const rg = await timeTool('rg', [pattern, file]);
      ref.push(rg.ms);
      rgLines = rg.lines;
    }
    const rgMs = median(ref);
    const r = { total, rg: rgMs, find: median(find), view: median(view), maxRss: v.maxRss };
    results[label] = r;
    const ratio = (x) => rgMs / x;
    // The issue states the target for the 2 GB file; the small one is there for the RSS comparison.
    const verdict = (x) => (label !== 'large' ? 'the 20x target is for the large file' : ratio(x) >= 20 ? 'meets the 20x target' : 'MISSES the 20x target');
    console.log(`logs ${label.padEnd(6)} ${mb(total).padStart(10)}  rg printing the window's lines: ${rgMs.toFixed(1)} ms (${rgLines} lines)`);
    console.log(`  (a) find the window (seek + read its lines): ${r.find.toFixed(1)} ms, first call in a fresh process ${median(findCold).toFixed(1)} ms; read ${mb(f.bytesRead)} (${((f.bytesRead / total) * 100).toFixed(3)}%, ${f.mode}), ${f.lines} lines; rg/ours ${ratio(r.find).toFixed(1)}x (first call ${ratio(median(findCold)).toFixed(1)}x): ${verdict(r.find)}`);
    console.log(`  (b) full view read (window + 1 h baseline parsed, signatures, success): ${r.view.toFixed(1)} ms, first call ${median(viewCold).toFixed(1)} ms; read ${mb(v.bytesRead)} (${((v.bytesRead / total) * 100).toFixed(3)}%), ${v.lines} lines parsed (${((r.view * 1000) / v.lines).toFixed(2)} µs/line), ${v.entries} in the window, ${v.signatures} signatures; rg/ours ${ratio(r.view).toFixed(1)}x (first call ${ratio(median(viewCold)).toFixed(1)}x): ${verdict(r.view)}  peak RSS ${mb(v.maxRss)}`);
    if (label === 'large' && ratio(r.find) < 20) missed.push('(a) finding the window');
    if (label === 'large' && ratio(r.view) < 20) missed.push('(b) the full view read');
  }
  const growth = results.large.maxRss / results.small.maxRss;
  console.log(`logs         peak RSS ${mb(results.small.maxRss)} at ${mb(results.small.total)} vs ${mb(results.large.maxRss)} at ${mb(results.large.total)}: ratio ${growth.toFixed(2)} for a ${(results.large.total / results.small.total).toFixed(0)}x larger file with the same lines per minute (flat: about 1)`);

  // Throughput: parse and group the whole small file's window of 30 days vs `wc -l` on it.
  const tp = path.join(dir, 'throughput-50mb.log');
  generate(tp, 50 * 2 ** 20);
  const all = runChild(root, 'view', tp, START + 24 * 60 * MIN, START + SPAN);
  const wc = await timeTool('wc', ['-l', tp]);
  const lines = Number(wc.text.trim().split(/\s+/)[0]);
  console.log(`logs         parse + signatures ${(all.lines / (all.ms / 1000) / 1e6).toFixed(2)} M lines/s (${all.lines} lines, ${all.signatures} signatures, ${all.ms.toFixed(0)} ms); wc -l ${(lines / (wc.ms / 1000) / 1e6).toFixed(1)} M lines/s; ratio wc/ours ${(all.ms / wc.ms).toFixed(1)}x slower than the floor`);
  if (missed.length) console.log(`logs         the 20x target on the ${bigMb} MB file is MISSED by: ${missed.join(', ')}`);
  return results;
}

if (process.argv[2] === '--child') {
  const [, , , root, kind, file, start, end, repeat] = process.argv;
  await child(root, kind, file, Number(start), Number(end), Number(repeat) || 1);
} else if (process.argv[1] === here) {
  await benchLogs(path.resolve(path.dirname(here), '..'));
}
