// "What changed recently?" as a person meets it: the sidebar, the window picker, a diff.
import * as assert from 'assert';
import { openViewContainer, runCommand, screenshot, sideBarRow, widenSideBar, waitForSideBarContent } from '../harness/browser';
import { openWorkbench, type Workbench } from '../harness/session';

const SUITE = 'e2e';

describe('e2e: What changed recently?', function () {
  this.timeout(120_000);
  let workbench: Workbench | undefined;

  before(async function () {
    this.timeout(180_000);
    workbench = await openWorkbench({ suite: SUITE, name: 'changes', theme: 'light' });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await screenshot(workbench.page, SUITE, `failed-changes-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => undefined);
    }
  });

  after(async () => {
    await workbench?.dispose();
  });

  it('fills the Changes view from the demo repository, grouped by deploy', async () => {
    const page = workbench!.page;
    await openViewContainer(page);
    await widenSideBar(page, 560);
    const deployRow = sideBarRow(page, /deploy-\d{8}-\d{4}/);
    await deployRow.waitFor({ timeout: 30_000 });
    await waitForSideBarContent(page);
    await sideBarRow(page, /#226 /).waitFor({ timeout: 10_000 });
    const rows = await page.locator('.part.sidebar .monaco-list-row').allInnerTexts();
    assert.ok(rows.some((r) => /Not deployed yet/.test(r)), `rows: ${rows.slice(0, 8).join(' | ')}`);
    assert.ok(rows.some((r) => /#226 Refactor order metadata builder/.test(r)), 'the refactor PR shows with its title');
    await screenshot(page, SUITE, 'changes-view');
  });

  it('expands a pull request and a commit, and opens a file diff with one click', async () => {
    const page = workbench!.page;
    await sideBarRow(page, /#226 /).click();
    const commit = sideBarRow(page, /^Refactor order metadata builder/);
    await commit.waitFor({ timeout: 10_000 });
    await commit.click();
    const file = sideBarRow(page, /createOrder\.ts/);
    await file.waitFor({ timeout: 10_000 });
    await file.click();
    const tab = page.locator('.tabs-container .tab', { hasText: /createOrder\.ts \(\w{8} ↔ \w{8}\)/ }).first();
    await tab.waitFor({ timeout: 20_000 });
    const diff = page.locator('.editor-instance .monaco-diff-editor').first();
    await diff.waitFor({ timeout: 20_000 });
    await page.locator('.monaco-diff-editor .line-delete, .monaco-diff-editor .char-delete').first().waitFor({ timeout: 20_000 });
    await page.mouse.move(1, 1);
    await page.waitForTimeout(500);
    await screenshot(page, SUITE, 'changes-diff');
    const text = await diff.innerText();
    assert.match(text, /buildOrderMeta|partition/i, 'the diff shows the refactor');
  });

  it("compares a deploy with the previous one from the row's inline action", async () => {
    const page = workbench!.page;
    const deploy = sideBarRow(page, /^deploy-\d{8}-\d{4}\s*deployed 30 min ago/);
    await deploy.hover();
    await deploy.locator('.action-label[aria-label="Compare with Previous Successful Deploy"]').click();
    const tab = page.locator('.tabs-container .tab', { hasText: /deploy-\d{8}-\d{4} ↔ deploy-\d{8}-\d{4}/ }).first();
    await tab.waitFor({ timeout: 20_000 });
    await page.locator('.multiDiffEditor, .monaco-diff-editor').first().waitFor({ timeout: 20_000 });
    await page.locator('.editor-instance', { hasText: 'createOrder.ts' }).first().waitFor({ timeout: 20_000 });
    await page.mouse.move(1, 1);
    await page.waitForTimeout(800);
    await screenshot(page, SUITE, 'changes-compare-deploys');
  });

  it('picks another window from the palette command', async () => {
    const page = workbench!.page;
    await runCommand(page, 'Incident Desk: What Changed Recently?');
    const option = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Last 7 days' }).first();
    await option.waitFor({ timeout: 15_000 });
    await screenshot(page, SUITE, 'changes-window-picker');
    await option.click();
    const deployRows = page.locator('.part.sidebar .monaco-list-row', { hasText: /deploy-\d{8}-\d{4}/ });
    // The last 24 h hold three deploys of the demo; a week holds many more.
    await page.waitForFunction(
      `[...document.querySelectorAll('.part.sidebar .monaco-list-row')].filter((r) => /deploy-\\d{8}-\\d{4}/.test(r.textContent)).length >= 6`,
      undefined,
      { timeout: 20_000 },
    );
    await waitForSideBarContent(page);
    await page.mouse.move(1, 1);
    assert.ok((await deployRows.count()) >= 6, 'a week shows several deploys');
    await screenshot(page, SUITE, 'changes-7-days');
  });
});
