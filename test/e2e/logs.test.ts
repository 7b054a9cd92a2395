// The Logs view as a person meets it: a file source and a command source in the settings, the
// view with status, counts and a sparkline per source, signatures with NEW and BURST first, a
// success drop, and a click that opens the file at the entry.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openViewContainer, runCommand, screenshot, widenSideBar, sideBarRow } from '../harness/browser';
import { openWorkbench, type Workbench } from '../harness/session';

const SUITE = 'e2e';
const MIN = 60_000;

/** Two quiet hours, then from 10 minutes ago on (and a little into the future): a new error, a bursting warning, no orders. */
function story(end: number, style: 'text' | 'json'): string {
  const rows: { t: number; level: string; msg: string }[] = [];
  const failFrom = end - 10 * MIN;
  for (let t = end - 120 * MIN, step = 0; t <= end + 10 * MIN; t += 10_000, step++) {
    if (t < failFrom) rows.push({ t, level: 'INFO', msg: `order placed id=${t % 9973}` });
    if (step % 6 === 0) rows.push({ t: t + 1, level: 'WARN', msg: `cache miss for key cart:${t % 977}` });
    if (t >= failFrom) {
      rows.push({ t: t + 2, level: 'ERROR', msg: `partition key is null for order ${t % 9973}` });
      for (let k = 0; k < 4; k++) rows.push({ t: t + 3 + k, level: 'WARN', msg: `cache miss for key cart:${(t + k) % 977}` });
    }
  }
  rows.sort((a, b) => a.t - b.t);
  const lines = rows.map((r) => (style === 'json' ? JSON.stringify({ time: new Date(r.t).toISOString(), level: r.level.toLowerCase(), msg: r.msg }) : `${new Date(r.t).toISOString()} ${r.level} ${r.msg}`));
  return lines.join('\n') + '\n';
}

describe('e2e: logs view', function () {
  this.timeout(150_000);
  let workbench: Workbench | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-desk-e2e-logs-'));

  before(async function () {
    this.timeout(180_000);
    const end = Date.now();
    fs.writeFileSync(path.join(dir, 'checkout.log'), story(end, 'text'));
    fs.writeFileSync(path.join(dir, 'worker.jsonl'), story(end, 'json'));
    workbench = await openWorkbench({
      suite: SUITE,
      name: 'logs',
      theme: 'dark',
      settings: {
        'incidentDesk.logs.defaultWindow': '15m',
        'incidentDesk.logs.sources': [
          { name: 'checkout.log', type: 'file', path: path.join(dir, 'checkout.log'), success: { pattern: '^order placed' } },
          { name: 'worker (command)', type: 'command', command: ['cat', path.join(dir, 'worker.jsonl')], success: { pattern: '^order placed' } },
        ],
      },
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await screenshot(workbench.page, SUITE, `failed-logs-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => undefined);
    }
  });

  after(async () => {
    await workbench?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows each source with its status, counts and sparkline, the new and bursting signatures first, and the success drop', async () => {
    const page = workbench!.page;
    await openViewContainer(page);
    await widenSideBar(page, 640);
    await runCommand(page, 'Incident Desk: Focus on Logs View');
    // Give the Logs view the room: collapse the Changes view above it.
    const changesHeader = page.locator('.part.sidebar .pane-header', { hasText: /^Changes/ }).first();
    if ((await changesHeader.getAttribute('aria-expanded')) === 'true') await changesHeader.click();
    for (const name of ['checkout.log', 'worker (command)']) {
      await sideBarRow(page, new RegExp(`${name.replace(/[()]/g, '\\$&')}.*ok · \\d+ entries`)).waitFor({ timeout: 30_000 });
    }
    const source = await sideBarRow(page, 'checkout.log').innerText();
    assert.match(source, /ok · \d+ entries · \d+ err · \d+ warn [▁▂▃▄▅▆▇█]+/);
    await sideBarRow(page, /partition key is null for order <num>/).waitFor();
    assert.match(await sideBarRow(page, /partition key is null/).innerText(), /NEW · ×\d+/);
    assert.match(await sideBarRow(page, /cache miss for key/).innerText(), /BURST · ×\d+/);
    assert.match(await sideBarRow(page, /Successes dropped/).innerText(), /Successes dropped: [\d.]+\/min/);
    await page.mouse.move(1300, 10);
    await page.waitForTimeout(500);
    await screenshot(page, SUITE, 'logs-view');
  });

  it('a click on a file signature opens the log file at the entry', async () => {
    const page = workbench!.page;
    await sideBarRow(page, /partition key is null/).click();
    const tab = page.locator('.tabs-container .tab', { hasText: 'checkout.log' }).first();
    await tab.waitFor({ timeout: 15_000 });
    await page.locator('.monaco-editor .current-line').first().waitFor({ timeout: 15_000 });
    const line = (await page.locator('.monaco-editor .view-line', { hasText: 'partition key is null' }).first().innerText()).replace(/\u00a0/g, ' ');
    assert.match(line, /ERROR partition key is null for order/);
    await screenshot(page, SUITE, 'logs-entry');
  });
});
