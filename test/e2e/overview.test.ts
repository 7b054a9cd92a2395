// The Incident overview as a person meets it on the demo incident, with every kind of source:
// local git, the demo's Sentry and GitHub (local servers, real HTTP), a log file telling the
// story, and a Loki whose server answers 500. All lanes show, the bad change ranks first with
// its reasons, the failing source shows its status while the rest render, the top suspect opens
// its diff and becomes a hypothesis in the timeline; light, dark and high-contrast themes.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { FrameLocator, Page } from 'playwright-core';
import { openViewContainer, runCommand, screenshot, sideBarRow, widenSideBar } from '../harness/browser';
import { openWorkbench, type Workbench } from '../harness/session';
import { createDemoWorkspace } from '../harness/workspace';
import { startDemoReplay, type DemoReplay } from '../replay/demoServer';
import { ReplayServer } from '../replay/replayServer';

const SUITE = 'e2e';
const MIN = 60_000;

function overviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** Checkout's log: orders succeed for hours, then every request fails on a null partition key. */
function writeCheckoutLog(file: string, now: number): void {
  const lines: string[] = [];
  const brokeAt = now - 27 * MIN;
  for (let t = now - 4 * 60 * MIN; t < now; t += 15_000) {
    const at = new Date(t).toISOString();
    if (t < brokeAt) {
      lines.push(`${at} INFO order placed id=${t % 9973} total=42.00`);
    } else {
      lines.push(`${at} ERROR order failed id=${t % 9973}: TypeError: Cannot read properties of null (reading 'partitionKey')`);
      lines.push(`    at partitionFor (/srv/app/src/orders/meta.ts:41:22)`);
      lines.push(`    at buildOrderMeta (/srv/app/src/orders/meta.ts:18:10)`);
    }
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

describe('e2e: incident overview', function () {
  this.timeout(150_000);
  let workbench: Workbench | undefined;
  let replay: DemoReplay | undefined;
  let broken: ReplayServer | undefined;
  let tmp: string | undefined;

  before(async function () {
    this.timeout(200_000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-desk-e2e-overview-'));
    const ws = createDemoWorkspace(path.join(tmp, 'workspace'));
    replay = await startDemoReplay(ws.dir);
    broken = await ReplayServer.start();
    broken.fault(/.*/, { status: 500 });
    const log = path.join(tmp, 'checkout.log');
    writeCheckoutLog(log, Date.now());
    workbench = await openWorkbench({
      suite: SUITE,
      name: 'overview',
      theme: 'dark',
      workspace: ws.dir,
      settings: {
        ...replay.settings,
        'incidentDesk.logs.sources': [
          { name: 'checkout log', type: 'file', path: log, success: { pattern: 'order placed' } },
          { name: 'loki-eu', type: 'loki', url: broken.url, query: '{app="checkout"}' },
        ],
      },
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await screenshot(workbench.page, SUITE, `failed-overview-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => undefined);
    }
  });

  after(async () => {
    await workbench?.dispose();
    await replay?.server.close();
    await broken?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('shows every lane on one axis, the failing source in place, and the bad change first with its reasons', async () => {
    const page = workbench!.page;
    await openViewContainer(page);
    await widenSideBar(page, 380);
    await runCommand(page, 'Incident Desk: Open Incident Overview');
    const frame = overviewFrame(page);
    await frame.locator('h1', { hasText: 'Checkout returns 500 for new orders' }).waitFor({ timeout: 30_000 });
    // Read every source at once, as a responder would on opening it.
    await frame.getByRole('button', { name: 'Refresh' }).click();
    await frame.locator('.source.ok', { hasText: 'checkout log' }).waitFor({ timeout: 40_000 });
    await frame.locator('.source.ok', { hasText: /^Sentry.*\d+ issues/ }).waitFor({ timeout: 40_000 });
    const loki = frame.locator('.source.error', { hasText: 'loki-eu' });
    await loki.waitFor({ timeout: 40_000 });
    assert.match(await loki.innerText(), /loki-eu[^]*(unreachable|failed|bad response)/i);
    assert.ok((await loki.getByRole('button').count()) > 0, 'the failing source offers an action');
    for (const lane of ['Deploys and releases', 'Changes', 'Errors (first seen)', 'Log findings', 'Incident timeline']) {
      const row = frame.locator(`.lane[aria-label="${lane}"]`);
      await row.locator('.item').first().waitFor({ timeout: 20_000 }).catch(() => undefined);
      assert.ok((await row.locator('.item').count()) > 0, `the ${lane} lane has events`);
    }
    const top = frame.locator('.suspect').first();
    await frame.locator('.suspect .reasons', { hasText: /in-app frames?/ }).first().waitFor({ timeout: 20_000 });
    assert.match(await top.locator('.suspect-title').innerText(), /#226 Refactor order metadata builder/);
    const reasons = await top.locator('.reasons').innerText();
    assert.match(reasons, /deployed with `deploy-\d{8}-\d{4}` \d+ min before/);
    assert.match(reasons, /touches `src\/[\w/]+\.ts`, which is in \d+ in-app frames? of/);
    await page.mouse.move(1, 1);
    await screenshot(page, SUITE, 'overview-dark');
    // The demo's flag change shipped hours before: the last 24 hours show it on the config lane.
    await frame.locator('select[aria-label="Window"]').selectOption('24h');
    await frame.locator('.meta', { hasText: 'last 24 h' }).waitFor({ timeout: 10_000 });
    const config = frame.locator('.lane[aria-label="Config and flags"] .item');
    await config.first().waitFor({ timeout: 10_000 });
    assert.ok((await config.count()) > 0, 'the config lane has the flag change');
    await screenshot(page, SUITE, 'overview-24h');
    await frame.locator('select[aria-label="Window"]').selectOption('incident');
    await frame.locator('.meta', { hasText: 'incident window' }).waitFor({ timeout: 10_000 });
  });

  it('zooms and pans with the keyboard, and narrows the window with a preset', async () => {
    const page = workbench!.page;
    const frame = overviewFrame(page);
    await frame.getByRole('button', { name: 'Zoom in (+)' }).click();
    const scroller = frame.locator('.scroller');
    await scroller.focus();
    const before = await scroller.evaluate((e: { scrollLeft: number }) => e.scrollLeft);
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(200);
    const after = await scroller.evaluate((e: { scrollLeft: number }) => e.scrollLeft);
    assert.ok(after > before, `ArrowRight pans the axis (${before} → ${after})`);
    await page.keyboard.press('0');
    await frame.locator('.inner[style*="width: 100%"]').waitFor({ timeout: 5_000 });
    await frame.locator('select[aria-label="Window"]').selectOption('1h');
    await frame.locator('.meta', { hasText: 'last 1 h' }).waitFor({ timeout: 10_000 });
    await frame.locator('select[aria-label="Window"]').selectOption('incident');
    await frame.locator('.meta', { hasText: 'incident window' }).waitFor({ timeout: 10_000 });
  });

  it("opens the top suspect's diff with one click", async () => {
    const page = workbench!.page;
    const frame = overviewFrame(page);
    await frame.locator('.suspect').first().getByRole('button', { name: 'Open changes' }).click();
    const tab = page.locator('.tabs-container .tab.active');
    await page.locator('.tabs-container .tab.active', { hasText: /#226/ }).waitFor({ timeout: 20_000 });
    assert.match(await tab.innerText(), /#226 Refactor order metadata builder/);
    // The diffs themselves, not the editor's "Loading…": removed and added lines of the refactor.
    await page.locator('.monaco-diff-editor .line-delete, .monaco-diff-editor .char-delete').first().waitFor({ timeout: 20_000 });
    await page.locator('.monaco-diff-editor .line-insert, .monaco-diff-editor .char-insert').first().waitFor({ timeout: 20_000 });
    assert.match(await page.locator('.monaco-diff-editor').first().innerText(), /partitionKey|buildOrderMeta/);
    await page.mouse.move(1, 1);
    await screenshot(page, SUITE, 'overview-suspect-diff');
  });

  it("opens a Sentry issue's top in-app frame at its line from the errors lane", async () => {
    const page = workbench!.page;
    await page.locator('.tabs-container .tab', { hasText: 'Incident Overview' }).first().click();
    const frame = overviewFrame(page);
    await frame.locator('.lane[aria-label="Errors (first seen)"] .item').first().click();
    const tab = page.locator('.tabs-container .tab.active', { hasText: /\.ts$/ });
    await tab.waitFor({ timeout: 20_000 });
    const line = await page.locator('.editor-instance .monaco-editor .current-line').first().isVisible();
    assert.ok(line, 'the cursor sits on the frame line');
    assert.match(await page.locator('.statusbar-item[id="status.editor.selection"]').innerText(), /Ln \d+/);
    await page.mouse.move(1, 1);
    await screenshot(page, SUITE, 'overview-error-frame');
  });

  it('turns the top suspect into a hypothesis in the timeline, with its reasons as evidence', async () => {
    const page = workbench!.page;
    await page.locator('.tabs-container .tab', { hasText: 'Incident Overview' }).first().click();
    const frame = overviewFrame(page);
    await frame.locator('.suspect').first().getByRole('button', { name: 'Make hypothesis' }).click();
    const timeline = page.locator('.part.sidebar .pane-header', { hasText: /^timeline/i }).first();
    if ((await timeline.getAttribute('aria-expanded')) !== 'true') await timeline.click();
    const row = sideBarRow(page, /#226 .* caused it/);
    await row.waitFor({ timeout: 15_000 });
    assert.match(await row.innerText(), /H3/);
    // The new entry joins the timeline lane (close entries are gathered into one marker).
    await frame.locator('.lane-label', { hasText: /^Incident timeline \(8\)$/ }).waitFor({ timeout: 15_000 });
    await page.mouse.move(1, 1);
    await screenshot(page, SUITE, 'overview-hypothesis');
  });

  it('pins the top suspect and an event of the axis to the incident as evidence', async () => {
    const page = workbench!.page;
    const frame = overviewFrame(page);
    const incidents = path.join(workbench!.workspace.dir, 'incidents');
    const text = (): string => fs.readdirSync(incidents).map((f) => fs.readFileSync(path.join(incidents, f), 'utf8')).join('\n');
    await frame.locator('.suspect').first().getByRole('button', { name: 'Pin as evidence' }).click();
    await page.locator('.statusbar-item', { hasText: /logged evidence/ }).first().waitFor({ timeout: 15_000 });
    const pinned = text();
    assert.match(pinned, /· evidence · [^]*Suspect scored \d+\/100: deployed with \\`deploy-/, `the suspect and its reasons are evidence in the incident file: ${pinned.slice(-600)}`);
    // The evidence joins the timeline lane; then an event of the axis by keyboard: focus it, press P.
    await frame.locator('.lane-label', { hasText: /^Incident timeline \(9\)$/ }).waitFor({ timeout: 15_000 });
    await frame.locator('.lane[aria-label="Errors (first seen)"] .item').first().focus();
    await page.keyboard.press('p');
    const deadline = Date.now() + 15_000;
    while (text() === pinned && Date.now() < deadline) await page.waitForTimeout(200);
    const added = text().slice(pinned.length);
    assert.ok(added.length > 0, 'the focused event was pinned');
    assert.match(added, /evidence · .*(DatabaseError|Sentry|CHECKOUT)/, added);
    await page.mouse.move(1, 1);
    await screenshot(page, SUITE, 'overview-pinned');
  });

  it('stays readable in the light and the high-contrast themes', async () => {
    const page = workbench!.page;
    for (const [theme, kind, shot] of [[/Light Modern/, 'vscode-light', 'overview-light'], [/High Contrast/, 'vscode-high-contrast', 'overview-high-contrast']] as const) {
      // As a person switching themes: the theme picker, the theme clicked in its list.
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').fill('>Preferences: Color Theme');
      await page.locator('.quick-input-widget .monaco-list-row[aria-label^="Preferences: Color Theme"]').first().click();
      const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: theme, hasNotText: /Light High Contrast/ }).first();
      await row.waitFor({ timeout: 15_000 });
      await row.click();
      const frame = overviewFrame(page);
      await frame.locator(`body.${kind}`).waitFor({ timeout: 15_000 });
      await frame.locator('.suspect').first().waitFor({ timeout: 15_000 });
      await page.mouse.move(1, 1);
      await page.waitForTimeout(300);
      await screenshot(page, SUITE, shot);
    }
  });

  it('shows in the side bar too, next to the code', async () => {
    const page = workbench!.page;
    await page.locator('.tabs-container .tab', { hasText: 'Incident Overview' }).first().click({ button: 'middle' });
    const header = page.locator('.part.sidebar .pane-header', { hasText: /^overview/i }).first();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    for (const other of ['changes', 'timeline']) {
      const h = page.locator('.part.sidebar .pane-header', { hasText: new RegExp(`^${other}`, 'i') }).first();
      if ((await h.getAttribute('aria-expanded')) === 'true') await h.click();
    }
    const frame = overviewFrame(page);
    await frame.locator('.suspect').first().waitFor({ timeout: 30_000 });
    assert.match(await frame.locator('.suspect-title').first().innerText(), /#226/);
    await page.mouse.move(1, 1);
    await screenshot(page, SUITE, 'overview-sidebar');
  });
});
