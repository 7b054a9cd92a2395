// A half-written incident for the demo workspace: the checkout outage of the demo history (PR
// #226, deployed about 30 minutes before "now"), investigated for about 20 minutes. H1 is
// refuted, H2 is open with evidence for it, nothing is resolved yet, so the demo can go on
// from there: confirm H2, roll back, resolve, draft the postmortem.
//
//   import { writeDemoIncident } from './demo-incident.mjs';
//   writeDemoIncident(repoDir, Date.now());   // -> 'incidents/<date>-checkout-returns-500-for-new-orders.md'
//
// The text is exactly what the extension writes (front matter, `## Timeline`, one list item per
// entry), so the file reads back without problems. The file is written, not committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MINUTE = 60_000;
const TITLE = 'Checkout returns 500 for new orders';
const SLUG = 'checkout-returns-500-for-new-orders';

/** UTC ISO-8601 with second precision, as the extension writes it. */
function stamp(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function clock(ms) {
  return new Date(ms).toISOString().slice(11, 16);
}

/** One timeline entry: `- **<time>** · <kind>[ Hn] · <author> — <text>` and its link lines. */
function entry(at, kind, author, text, links = []) {
  return [`- **${stamp(at)}** · ${kind} · ${author} — ${text}`, ...links.map((l) => `  - link: ${l}`)].join('\n');
}

/**
 * Writes `<repoDir>/incidents/<date>-checkout-returns-500-for-new-orders.md` for an incident that
 * started 22 minutes before `now` (ms since the epoch) and returns its repository-relative path.
 * Refuses to replace an existing file.
 */
export function writeDemoIncident(repoDir, now = Date.now()) {
  const started = now - 22 * MINUTE;
  const at = (minutesAgo) => now - minutesAgo * MINUTE;
  const text = [
    '---',
    `title: ${TITLE}`,
    'severity: SEV2',
    'status: investigating',
    'commander: Aiko Tanabe',
    `started: ${stamp(started)}`,
    'resolved:',
    'services: [checkout-service]',
    '---',
    '',
    `# ${TITLE}`,
    '',
    '## Timeline',
    '',
    entry(at(21), 'observation', 'Aiko Tanabe',
      `Checkout error rate at 38 % since about ${clock(at(28))} UTC; POST /orders answers 500, other endpoints are fine.`,
      ['src/api/orders.ts:32']),
    entry(at(19), 'observation', 'Aiko Tanabe',
      'Every failing request logs Postgres error 23514: no partition of relation "orders" found for row.',
      ['src/db/orders.ts:6']),
    entry(at(18), 'hypothesis H1', 'Aiko Tanabe', 'The payment provider is slow and order creation times out.'),
    entry(at(15), 'refute H1', 'Rafael Duarte',
      'Payment latency is normal on the provider dashboard, and the failing statement is the INSERT into orders, before any payment call.'),
    entry(at(12), 'hypothesis H2', 'Aiko Tanabe',
      `The deploy at ${clock(at(30))} UTC (PR #226, order meta refactor) changed how partition_key is set.`,
      ['src/orders/createOrder.ts:16']),
    entry(at(9), 'evidence H2', 'Noor Haddad',
      'The failing INSERTs carry partition_key = NULL: the meta is now built before order.partitionKey is assigned.',
      ['src/orders/createOrder.ts:16', 'src/orders/createOrder.ts:17']),
    entry(at(6), 'decision', 'Aiko Tanabe', 'Roll back to the previous deploy rather than hot-fix; Noor prepares the fix for later.'),
    '',
  ].join('\n');
  const folder = join(repoDir, 'incidents');
  mkdirSync(folder, { recursive: true });
  const name = `${new Date(started).toISOString().slice(0, 10)}-${SLUG}.md`;
  writeFileSync(join(folder, name), text, { flag: 'wx' });
  return `incidents/${name}`;
}
