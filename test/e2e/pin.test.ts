// Pin to Incident as a person does it: select lines in an editor, right-click, "Pin to Incident",
// and find the evidence in the Timeline view and in the incident file.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { focusPane, openViewContainer, screenshot, sideBarRow, widenSideBar } from '../harness/browser';
import { openWorkbench, type Workbench } from '../harness/session';
import { createDemoWorkspace } from '../harness/workspace';
import { startDemoReplay, type DemoReplay } from '../replay/demoServer';
import { chooseFromContextMenu } from './contextMenu';

const SUITE = 'e2e';

describe('e2e: pin to incident', function () {
  this.timeout(120_000);
  let workbench: Workbench | undefined;
  let replay: DemoReplay | undefined;
  let tmp: string | undefined;

  before(async function () {
    this.timeout(200_000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-desk-e2e-pin-'));
    const ws = createDemoWorkspace(path.join(tmp, 'workspace'));
    // The demo's Sentry on a local port, for the Errors view; GitHub stays out of the Changes view.
    replay = await startDemoReplay(ws.dir);
    const settings = { ...replay.settings, 'incidentDesk.github.enabled': false };
    workbench = await openWorkbench({ suite: SUITE, name: 'pin', theme: 'dark', workspace: ws.dir, settings });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await screenshot(workbench.page, SUITE, `failed-pin-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => undefined);
    }
  });

  after(async () => {
    await workbench?.dispose();
    await replay?.server.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('pins selected lines from the editor context menu; the Timeline shows the evidence and the file links back', async () => {
    const page = workbench!.page;
    await openViewContainer(page);
    await widenSideBar(page, 520);
    // The demo's incident is active: its status bar item says so.
    await page.locator('.part.statusbar .statusbar-item', { hasText: 'SEV2 · Checkout returns 500' }).first().waitFor({ timeout: 20_000 });

    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 15_000 });
    await page.keyboard.type('src/db/orders.ts', { delay: 10 });
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'orders.ts' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: 'orders.ts' }).first().waitFor({ timeout: 15_000 });
    const editor = page.locator('.part.editor .monaco-editor').first();
    await editor.locator('.view-lines').waitFor({ timeout: 15_000 });

    // Lines 17–19: go to line 17, then extend the selection down three lines (to the start of 20).
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 15_000 });
    await page.keyboard.type('17', { delay: 10 });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowDown');
    const selection = editor.locator('.selected-text').first();
    await selection.waitFor({ timeout: 10_000 });

    const box = await selection.boundingBox();
    assert.ok(box, 'the selection is drawn');
    await chooseFromContextMenu(page, { x: box.x + Math.min(40, box.width / 2), y: box.y + box.height / 2 }, 'Pin to Incident', () => screenshot(page, SUITE, 'pin-context-menu'));

    await focusPane(page, 'Timeline');
    const row = sideBarRow(page, /Code in .src\/db\/orders\.ts., lines 17–19/);
    await row.waitFor({ timeout: 20_000 });
    assert.match(await row.innerText(), /evidence/);
    await page.mouse.move(1, 1);
    await page.waitForTimeout(500);
    await screenshot(page, SUITE, 'pin-timeline');

    // The row opens the entry in the incident file: the quoted lines and the link back.
    // The view redraws when the file watcher reports the write; a click on a row being replaced
    // is lost, so click again until the file opens.
    const incidentTab = page.locator('.tabs-container .tab.active', { hasText: /checkout-returns-500-for-new-orders\.md/ }).first();
    for (let attempt = 0; ; attempt++) {
      await page.keyboard.press('Escape');
      await sideBarRow(page, /Code in .src\/db\/orders\.ts., lines 17–19/).click();
      const opened = await incidentTab.waitFor({ timeout: 5_000 }).then(() => true, () => false);
      if (opened) break;
      if (attempt === 2) throw new Error('the Timeline row did not open the incident file');
    }
    const incidentEditor = page.locator('.part.editor .editor-group-container.active .monaco-editor').first();
    await incidentEditor.locator('.view-line', { hasText: /link:\s+src\/db\/orders\.ts:17-19/ }).first().waitFor({ timeout: 15_000 });
    await incidentEditor.locator('.view-line', { hasText: '```typescript' }).first().waitFor({ timeout: 5_000 });
    await page.mouse.move(1, 1);
    await page.waitForTimeout(300);
    await screenshot(page, SUITE, 'pin-entry-in-file');
  });

  it('pins a commit from the pin on its Changes row, and the hunk under the cursor from the diff editor title', async () => {
    const page = workbench!.page;
    await page.keyboard.press('Escape');
    await focusPane(page, 'Changes');
    const commit = sideBarRow(page, /Fix typo in README/);
    await commit.waitFor({ timeout: 20_000 });
    await commit.hover();
    const pin = commit.locator('.action-label[aria-label^="Pin to Incident"]').first();
    await pin.waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, SUITE, 'pin-changes-row');
    await pin.click();

    // The commit's diff: put the cursor on the changed line, then the pin in the editor's title.
    await commit.click();
    const file = sideBarRow(page, /^README\.md/);
    await file.waitFor({ timeout: 10_000 });
    await file.click();
    const diff = page.locator('.part.editor .monaco-diff-editor').first();
    await diff.waitFor({ timeout: 15_000 });
    const changed = diff.locator('.editor.modified .view-line', { hasText: 'receive' }).first();
    await changed.waitFor({ timeout: 15_000 });
    await changed.click();
    const titlePin = page.locator('.part.editor .editor-actions .action-label[aria-label^="Pin to Incident"]').first();
    await titlePin.waitFor({ state: 'visible', timeout: 10_000 });
    await titlePin.click();

    await focusPane(page, 'Timeline');
    const commitRow = sideBarRow(page, /Commit .[0-9a-f]{8}.: Fix typo in README/);
    await commitRow.waitFor({ timeout: 20_000 });
    const hunkRow = sideBarRow(page, /Diff of .README\.md. between .[0-9a-f]{8}. and .[0-9a-f]{8}./);
    await hunkRow.waitFor({ timeout: 20_000 });
    assert.match(await hunkRow.innerText(), /evidence/);
    await page.mouse.move(1, 1);
    await page.waitForTimeout(500);
    await screenshot(page, SUITE, 'pin-commit-and-hunk');
  });

  it('pins a Sentry issue from the pin on its Errors row, with its permalink', async () => {
    const page = workbench!.page;
    await focusPane(page, 'Errors');
    const issue = sideBarRow(page, /DatabaseError: null value in column/);
    await issue.waitFor({ timeout: 40_000 });
    // Away from the pane header first: its hover would cover the row.
    await page.mouse.move(1, 1);
    await page.locator('.context-view .hover-contents').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    await issue.hover();
    const pin = issue.locator('.action-label[aria-label^="Pin to Incident"]').first();
    await pin.waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, SUITE, 'pin-errors-row');
    await pin.click();

    await focusPane(page, 'Timeline');
    const row = sideBarRow(page, /Sentry issue .CHECKOUT-SERVICE-\w+.: DatabaseError: null value in column "partition_key"/);
    await row.waitFor({ timeout: 20_000 });
    // The row opens the entry in the incident file: the facts and the link back to Sentry.
    const link = page.locator('.part.editor .view-line', { hasText: /link:\s+https:\/\/acme-demo\.sentry\.invalid\/issues\/9001\// }).first();
    for (let attempt = 0; ; attempt++) {
      await sideBarRow(page, /Sentry issue .CHECKOUT-SERVICE-\w+.: DatabaseError/).click();
      if (await link.waitFor({ timeout: 5_000 }).then(() => true, () => false)) break;
      if (attempt === 2) throw new Error('the Timeline row did not show the entry in the incident file');
    }
    await page.locator('.part.editor .view-line', { hasText: /1,843\s+events,\s+412\s+users/ }).first().waitFor({ timeout: 5_000 });
    await page.mouse.move(1, 1);
    await page.waitForTimeout(300);
    await screenshot(page, SUITE, 'pin-errors-timeline');
  });
});
