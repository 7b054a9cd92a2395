// The Errors view as a person meets it, against the demo's local Sentry and GitHub (real HTTP):
// issues listed, one expanded, a frame clicked → the file opens at the line with its mark;
// "What changed recently?" with GitHub deployments and pull requests beside local commits.
import * as assert from 'assert';
import * as os from 'os';
import * as path from 'path';
import * as fs from 'fs';
import { openViewContainer, screenshot, waitForSideBarContent, widenSideBar, focusPane, sideBarRow, quickInput, runCommand } from '../harness/browser';
import { openWorkbench, type Workbench } from '../harness/session';
import { createDemoWorkspace } from '../harness/workspace';
import { startDemoReplay, type DemoReplay } from '../replay/demoServer';

const SUITE = 'e2e';
/** The CSS rules of the end-of-line notes of the demo's top issue. */
const MARK_RULES = `(() => {
  const out = [];
  for (const s of document.styleSheets) { try { for (const r of s.cssRules) { if (r.cssText.includes('1,843 events')) out.push(r.cssText); } } catch {} }
  return out.join('\\n');
})()`;

describe('e2e: Errors view and GitHub rows (local demo servers)', function () {
  this.timeout(150_000);
  let workbench: Workbench | undefined;
  let replay: DemoReplay | undefined;
  let tmp: string | undefined;

  before(async function () {
    this.timeout(200_000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-desk-e2e-errors-'));
    const ws = createDemoWorkspace(path.join(tmp, 'workspace'));
    replay = await startDemoReplay(ws.dir);
    workbench = await openWorkbench({ suite: SUITE, name: 'errors', theme: 'dark', workspace: ws.dir, settings: replay.settings });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await screenshot(workbench.page, SUITE, `failed-errors-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => undefined);
    }
  });

  after(async () => {
    await workbench?.dispose();
    await replay?.server.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('marks the lines of an open file while the Errors view stays closed', async () => {
    const page = workbench!.page;
    await openViewContainer(page);
    await focusPane(page, 'Changes');
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 15_000 });
    await page.keyboard.type('src/db/orders.ts', { delay: 10 });
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'orders.ts' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: 'orders.ts' }).first().waitFor({ timeout: 15_000 });
    // The end-of-line note is CSS content (an ::after rule), so it is read from the style sheets.
    let note = '';
    for (let i = 0; i < 60 && !note; i++) {
      note = String(await page.evaluate(MARK_RULES));
      if (!note) await page.waitForTimeout(500);
    }
    assert.match(note, /⚠ 1,843 events · DatabaseError/, 'the end-of-line note is rendered');
    const errorsHeader = page.locator('.part.sidebar .pane-header', { hasText: /^Errors/i }).first();
    assert.equal(await errorsHeader.getAttribute('aria-expanded'), 'false', 'the Errors view was never opened');
    await page.mouse.move(1, 1);
    await page.waitForTimeout(600);
    await screenshot(page, SUITE, 'errors-marks-without-view');
    // The next test opens the file from a frame: start without it.
    await runCommand(page, 'View: Close All Editors');
    await page.locator('.tabs-container .tab', { hasText: 'orders.ts' }).first().waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('lists the Sentry issues of the window, the new one first, labelled as demo data', async () => {
    const page = workbench!.page;
    await openViewContainer(page);
    await widenSideBar(page, 620);
    await focusPane(page, 'Errors');
    const first = sideBarRow(page, /DatabaseError: null value in column/);
    await first.waitFor({ timeout: 40_000 });
    await waitForSideBarContent(page);
    const rows = await page.locator('.part.sidebar .monaco-list-row').allInnerTexts();
    assert.match(rows[0], /DatabaseError: null value/, `rows: ${rows.join(' | ')}`);
    assert.match(rows[0], /NEW · 1,843 events · 412 users/);
    assert.ok(rows.some((r) => /PaymentTimeoutError/.test(r)), 'older issues are listed too');
    const header = await page.locator('.part.sidebar .pane-header', { hasText: /Errors/i }).first().innerText();
    assert.match(header, /DEMO DATA/, 'the view says the data is demo data');
    await screenshot(page, SUITE, 'errors-view');
  });

  it('expands an issue, clicks a frame, and the file opens at the line with its mark', async () => {
    const page = workbench!.page;
    // A hover left open by the previous step (the view's description) would take the click.
    await page.mouse.move(1, 1);
    await page.keyboard.press('Escape');
    await page.locator('.context-view .hover-contents').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    await sideBarRow(page, /DatabaseError: null value in column/).click();
    const cause = sideBarRow(page, /caused by DatabaseError/);
    await cause.waitFor({ timeout: 20_000 });
    await cause.click();
    const frame = sideBarRow(page, /insertOrder.*src\/db\/orders\.ts:18/);
    await frame.waitFor({ timeout: 20_000 });
    const unmapped = sideBarRow(page, /Client\.query/);
    await unmapped.waitFor({ timeout: 10_000 });
    assert.match(await unmapped.innerText(), /not in workspace/);
    await screenshot(page, SUITE, 'errors-frame');
    await frame.click();
    await page.locator('.tabs-container .tab', { hasText: 'orders.ts' }).first().waitFor({ timeout: 20_000 });
    // The end-of-line note is CSS content (an ::after rule), so it is read from the style sheets.
    const status = await page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first().innerText();
    assert.match(status, /Ln 18,/, `cursor on line 18: ${status}`);
    // Marks are computed once the frames are mapped (a workspace file search): poll for them.
    let afterContent = '';
    for (let i = 0; i < 60 && !afterContent; i++) {
      afterContent = String(await page.evaluate(MARK_RULES));
      if (!afterContent) await page.waitForTimeout(500);
    }
    assert.match(afterContent, /⚠ 1,843 events · DatabaseError/, 'the end-of-line note is rendered');
    await page.mouse.move(1, 1);
    await page.waitForTimeout(600);
    await screenshot(page, SUITE, 'errors-decorations');
  });

  it('shows GitHub deployments and merged pull requests among the local commits, marked as remote demo data', async () => {
    const page = workbench!.page;
    await focusPane(page, 'Changes');
    // One summary row for the services; their rows stand among the local commits.
    await sideBarRow(page, /GitHub and Sentry · DEMO DATA/).waitFor({ timeout: 40_000 });
    // GitHub's deployment of a deploy tag's commit is that deploy's row, with its state.
    await widenSideBar(page, 900);
    const deploy = sideBarRow(page, /deploy-\d{8}-\d{4}.*production success by deploy-bot · deployed/);
    await deploy.waitFor({ timeout: 20_000 });
    // PR #226 merged as a local commit: the local row, marked with what GitHub says.
    await sideBarRow(page, /#226 Refactor order metadata builder.* · ☁ GitHub · DEMO DATA/).waitFor({ timeout: 20_000 });
    // What only GitHub knows (the fix merged minutes ago, not fetched) stands at its time, marked remote and demo.
    await sideBarRow(page, /#227 Default the partition key.*not in your clone · ☁ GitHub · DEMO DATA/).waitFor({ timeout: 20_000 });
    await waitForSideBarContent(page);
    await page.mouse.move(1, 1);
    await screenshot(page, SUITE, 'changes-with-github');
    const rows = await page.locator('.part.sidebar .monaco-list-row').allInnerTexts();
    assert.equal(rows.filter((r) => /^#226 /.test(r.trim())).length, 1, `PR #226 is one row: ${rows.join(' | ')}`);
    assert.ok(!rows.some((r) => /GitHub and Sentry \(demo data\)/.test(r)), 'no separate GitHub and Sentry section');
  });

  it('compares the canary deploy of a commit the clone lacks through GitHub: the list, then a file as a diff', async () => {
    const page = workbench!.page;
    const canary = sideBarRow(page, /Deploy [0-9a-f]{7} to canary.*canary · success/);
    await canary.waitFor({ timeout: 20_000 });
    await canary.hover();
    await canary.locator('.action-label[aria-label="Compare with Previous Successful Deploy"]').click();
    await quickInput(page, /canary [0-9a-f]{7} ↔ canary [0-9a-f]{7}: \d+ commits?, \d+ files? \(from GitHub\)/);
    const file = page.locator('.quick-input-widget .monaco-list-row', { hasText: /src\/orders\/meta\.ts\s*modified/ }).first();
    await file.waitFor({ timeout: 15_000 });
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: /Merge pull request #227/ }).first().waitFor({ timeout: 15_000 });
    await screenshot(page, SUITE, 'compare-github-list');
    await file.click();
    const tab = page.locator('.tabs-container .tab', { hasText: /meta\.ts \([0-9a-f]{8} ↔ [0-9a-f]{8}\)/ }).first();
    await tab.waitFor({ timeout: 20_000 });
    const diff = page.locator('.monaco-diff-editor').first();
    await diff.waitFor({ timeout: 20_000 });
    await page.locator('.monaco-diff-editor .view-lines', { hasText: /order\.region/ }).first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(800);
    await screenshot(page, SUITE, 'compare-github-diff');
    assert.match(await diff.innerText(), /partitionKey:\s*order\.partitionKey\s*\?\?/, 'the right side is the fix, read from GitHub');
    await page.keyboard.press('Escape');
  });
});
