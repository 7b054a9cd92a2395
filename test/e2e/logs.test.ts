// The Logs view as a person meets it: a file source and a command source in the settings, the
// view with status, counts and a sparkline per source, signatures with NEW and BURST first, a
// success drop, a click that opens the file at the entry, and the signature pinned to the active
// incident's timeline from its inline action.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { focusPane, openViewContainer, runCommand, screenshot, widenSideBar, sideBarRow } from '../harness/browser';
import { openWorkbench, type Workbench } from '../harness/session';

const SUITE = 'e2e';
const MIN = 60_000;

/** Five quiet hours (the incident window starts two hours before the incident, its baseline before that), then from 10 minutes ago on (and a little into the future): a new error, a bursting warning, no orders. */
function story(end: number, style: 'text' | 'json'): string {
  const rows: { t: number; level: string; msg: string }[] = [];
  const failFrom = end - 10 * MIN;
  for (let t = end - 300 * MIN, step = 0; t <= end + 10 * MIN; t += 10_000, step++) {
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

  it('pins the signature to the active incident from its inline action: the timeline file gets the evidence with the example line', async () => {
    const page = workbench!.page;
    const incidents = path.join(workbench!.workspace.dir, 'incidents');
    const before = new Map(fs.readdirSync(incidents).map((f) => [f, fs.readFileSync(path.join(incidents, f), 'utf8')]));
    assert.ok(before.size > 0, 'the demo workspace has an incident');
    // Back to the Logs view (the log file took the editor), then the row's inline action.
    await runCommand(page, 'Incident Desk: Focus on Logs View');
    const row = sideBarRow(page, /partition key is null for order <num>/);
    await row.hover();
    const pin = row.locator('.actions .action-label[aria-label^="Pin to Incident Timeline"]');
    await pin.waitFor({ timeout: 10_000 });
    await screenshot(page, SUITE, 'logs-pin-action');
    await pin.click();
    // The evidence lands in the active incident's file: which one changed, and what it says.
    const deadline = Date.now() + 20_000;
    let added = '';
    while (!added && Date.now() < deadline) {
      for (const f of fs.readdirSync(incidents)) {
        const text = fs.readFileSync(path.join(incidents, f), 'utf8');
        const was = before.get(f) ?? '';
        if (text !== was && text.startsWith(was)) added = text.slice(was.length);
      }
      if (!added) await page.waitForTimeout(250);
    }
    // Written like every pinned item: the sentence, then the example line quoted as a block.
    assert.match(added, /^- \*\*\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\*\* · evidence · .+ — Log signature in checkout\.log \(new\): "partition key is null for order \\<num\\>" ×\d+:\n {2}```text\n {2}\d{4}-\d\d-\d\dT[\d:.]+Z ERROR partition key is null for order \d+\n/);
    // The Timeline view shows it, as its newest entry (the last row).
    await runCommand(page, 'Incident Desk: Focus on Timeline View');
    await focusPane(page, 'Timeline');
    await page.keyboard.press('End');
    await sideBarRow(page, /Log signature in checkout\.log/).waitFor({ timeout: 15_000 });
    await page.mouse.move(1300, 10);
    await page.waitForTimeout(500);
    await screenshot(page, SUITE, 'logs-pinned-timeline');
  });

  it('a refresh that fails after a good read keeps the data, marked stale with when it is from and why', async () => {
    const page = workbench!.page;
    const file = path.join(dir, 'checkout.log');
    fs.renameSync(file, `${file}.rotated`);
    try {
      await runCommand(page, 'Incident Desk: Focus on Logs View');
      await focusPane(page, 'Logs');
      await runCommand(page, 'Incident Desk: Refresh Logs');
      const source = sideBarRow(page, /checkout\.log.*stale \(not found\), data from \d\d:\d\dZ/);
      await source.waitFor({ timeout: 30_000 });
      assert.match(await sideBarRow(page, /^Stale: showing data from/).innerText(), /Stale: showing data from \d\d:\d\dZ; the refresh at \d\d:\d\dZ failed: Log file not found/);
      // The last good data is still there: the signatures and the success drop.
      await sideBarRow(page, /partition key is null for order <num>/).waitFor();
      assert.match(await sideBarRow(page, /worker \(command\)/).innerText(), /ok · \d+ entries/);
      await page.mouse.move(1300, 10);
      await page.waitForTimeout(500);
      await screenshot(page, SUITE, 'logs-stale');
    } finally {
      fs.renameSync(`${file}.rotated`, file);
    }
  });
});
