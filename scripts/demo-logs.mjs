// The demo service's own log, as its pino logger writes it (JSON lines), for the Logs view: two
// and a half hours of normal checkout traffic, then, from 40 seconds after the latest deploy
// (PR #226, the order meta refactor), every POST /orders failing with a TypeError about the null
// partition key, its stack trace through the workspace's own files, and "order created" (the
// success signal) gone. The demo settings point a file source at it (test/replay/demoServer.ts).
//
//   import { writeDemoLogs } from './demo-logs.mjs';
//   writeDemoLogs(repoDir, Date.now());   // -> 'logs/checkout-service.log'
//
// Written after the repository is built, so the deploy time and the frame line numbers are read
// from it; kept out of git with .git/info/exclude. Deterministic apart from the time base.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from './lib/generate.mjs';

export const DEMO_LOG = 'logs/checkout-service.log';
const MINUTE = 60_000;
const HOSTS = ['checkout-service-7c9d5b6f4-2xk4q', 'checkout-service-7c9d5b6f4-m8r2d', 'checkout-service-7c9d5b6f4-zt5wn'];
const REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-1'];
const ERROR = 'partitionKey must be a string, got null';

/** The newest deploy tag's time (ms), or 30 minutes before `now` without one. */
function lastDeploy(repoDir, now) {
  try {
    const out = execFileSync('git', ['for-each-ref', '--sort=-creatordate', '--count=1', '--format=%(creatordate:unix)', 'refs/tags/deploy-*'], { cwd: repoDir, encoding: 'utf8' }).trim();
    if (out) return Number(out) * 1000;
  } catch {
    // not a repository: the story's default
  }
  return now - 30 * MINUTE;
}

/** `/usr/src/app/<file>:<line>:<column>` of the first line of `file` holding `text`, as a frame. */
function frameAt(repoDir, file, text, fallbackLine) {
  let line = fallbackLine;
  let column = 5;
  try {
    const lines = readFileSync(join(repoDir, file), 'utf8').split('\n');
    const i = lines.findIndex((l) => l.includes(text));
    if (i >= 0) {
      line = i + 1;
      column = lines[i].indexOf(text) + 1;
    }
  } catch {
    // the fallback line
  }
  return `/usr/src/app/${file}:${line}:${column}`;
}

function uuid(random) {
  const hex = () => Math.floor(random() * 16).toString(16);
  const part = (n) => Array.from({ length: n }, hex).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
}

export function writeDemoLogs(repoDir, now = Date.now()) {
  const random = mulberry32(0x10c5);
  const deploy = lastDeploy(repoDir, now);
  const failFrom = deploy + 40_000;
  const stack = [
    `TypeError: ${ERROR}`,
    `    at insertOrder (${frameAt(repoDir, 'src/db/orders.ts', 'meta.partitionKey,', 20)})`,
    `    at createOrder (${frameAt(repoDir, 'src/orders/createOrder.ts', 'insertOrder(pool, order, meta)', 19)})`,
    `    at async ${frameAt(repoDir, 'src/api/orders.ts', 'createOrder(pool', 37)}`,
  ].join('\n');
  const rows = [];
  const line = (time, level, fields, msg) => {
    const host = HOSTS[Math.floor(random() * HOSTS.length)];
    rows.push({ time, text: JSON.stringify({ level, time, pid: 1, hostname: host, name: 'checkout-service', ...fields, msg }) });
  };
  for (let t = now - 150 * MINUTE; t <= now; t += 2_000 + Math.floor(random() * 4_000)) {
    const orderId = uuid(random);
    const customerId = `c-${10_000 + Math.floor(random() * 90_000)}`;
    if (t < failFrom) {
      const partition = `p${String(Math.floor(random() * 16)).padStart(2, '0')}`;
      line(t, 30, { orderId, partition }, 'order created');
      const status = random() < 0.97 ? 'authorised' : 'failed';
      line(t + 40 + Math.floor(random() * 400), 30, { orderId, status }, 'checkout finished');
    } else {
      line(t, 50, { err: { type: 'TypeError', message: ERROR, stack }, method: 'POST', path: '/orders', customerId }, 'unhandled error');
    }
    // Reads of existing orders keep working throughout.
    if (random() < 0.5) line(t + 900, 30, { method: 'GET', path: `/orders/${uuid(random)}`, statusCode: 200, region: REGIONS[Math.floor(random() * 3)] }, 'order read');
    // Background noise, before and after: a slow payment provider now and then.
    if (random() < 0.03) line(t + 1_500, 40, { provider: 'psp-eu', latencyMs: 2_000 + Math.floor(random() * 900) }, 'payment provider slow');
  }
  rows.sort((a, b) => a.time - b.time);
  const file = join(repoDir, DEMO_LOG);
  mkdirSync(join(repoDir, 'logs'), { recursive: true });
  writeFileSync(file, rows.map((r) => r.text).join('\n') + '\n');
  appendFileSync(join(repoDir, '.git', 'info', 'exclude'), '# the service log the demo settings read, not part of the repository\n/logs/\n');
  return { file: DEMO_LOG, lines: rows.length, failFrom };
}
