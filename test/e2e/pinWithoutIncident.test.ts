// Pin to Incident with no incident yet: the message offers "Start Incident", and once it is
// started the pinned lines are in its timeline; nothing the person chose is lost.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { focusPane, openViewContainer, quickInput, screenshot, sideBarRow, typeAndEnter, widenSideBar } from '../harness/browser';
import { openWorkbench, type Workbench } from '../harness/session';
import { chooseFromContextMenu } from './contextMenu';
import { gitEnv } from '../harness/workspace';
import { removeDir } from '../harness/util';

const SUITE = 'e2e';

/** A repository with one source file and no incidents folder at all. */
function freshRepository(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-desk-pin-none-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src', 'app.ts'), 'export function total(items: number[]): number {\n  return items.reduce((a, b) => a + b, 0) / 0; // <b>oops</b>\n}\n');
  const git = (...args: string[]): void => void execFileSync('git', args, { cwd: dir, env: gitEnv(), stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Pat Oncall');
  git('config', 'user.email', 'pat@example.com');
  git('add', '.');
  git('commit', '-q', '-m', 'Add totals');
  return dir;
}

describe('e2e: pin to incident without an active incident', function () {
  this.timeout(120_000);
  let workbench: Workbench | undefined;
  let dir: string;

  before(async function () {
    this.timeout(180_000);
    dir = freshRepository();
    workbench = await openWorkbench({ suite: SUITE, name: 'pin-none', theme: 'light', workspace: dir });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await screenshot(workbench.page, SUITE, `failed-pin-none-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => undefined);
    }
  });

  after(async () => {
    await workbench?.dispose();
    if (dir) removeDir(dir);
  });

  it('offers to start an incident, then pins the selected lines into it', async () => {
    const page = workbench!.page;
    await openViewContainer(page);
    await widenSideBar(page, 480);

    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 15_000 });
    await page.keyboard.type('app.ts', { delay: 10 });
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'app.ts' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    const editor = page.locator('.part.editor .monaco-editor').first();
    await editor.locator('.view-line', { hasText: 'reduce' }).first().waitFor({ timeout: 15_000 });
    // Line 2 only: a click on it, then Home and Shift+End.
    await editor.locator('.view-line', { hasText: 'reduce' }).first().click();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    const selection = editor.locator('.selected-text').first();
    await selection.waitFor({ timeout: 10_000 });
    const box = (await selection.boundingBox())!;
    await chooseFromContextMenu(page, { x: box.x + Math.min(60, box.width / 2), y: box.y + box.height / 2 }, 'Pin to Incident');

    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'No incident is active' }).first();
    await toast.waitFor({ timeout: 15_000 });
    assert.match(await toast.innerText(), /Start one \(or switch to one\) to pin “Code in `src\/app\.ts`, line 2:” to its timeline/);
    await screenshot(page, SUITE, 'pin-none-offer');
    await toast.locator('.monaco-button', { hasText: 'Start Incident' }).first().click();

    await quickInput(page, 'Start Incident (1/4)');
    await typeAndEnter(page, 'Totals divide by zero');
    await quickInput(page, 'Start Incident (2/4)');
    await typeAndEnter(page, 'SEV3');
    await quickInput(page, 'Start Incident (3/4)');
    await typeAndEnter(page, '');
    await quickInput(page, 'Start Incident (4/4)');
    await typeAndEnter(page, '');

    await focusPane(page, 'Timeline');
    const row = sideBarRow(page, /Code in .src\/app\.ts., line 2:/);
    await row.waitFor({ timeout: 20_000 });
    // The new incident's editor, beside the code, reloads with the entry.
    await page.locator('.part.editor .view-line', { hasText: /link:\s+src\/app\.ts:2/ }).first().waitFor({ timeout: 15_000 });
    await page.mouse.move(1, 1);
    await page.waitForTimeout(500);
    await screenshot(page, SUITE, 'pin-none-started-and-pinned');

    const folder = path.join(dir, 'incidents');
    const files = fs.readdirSync(folder).filter((f) => f.endsWith('.md'));
    assert.strictEqual(files.length, 1, 'one incident was started');
    const text = fs.readFileSync(path.join(folder, files[0]!), 'utf8');
    assert.match(text, /\n- \*\*[\d-]+T[\d:]+Z\*\* · evidence · Pat Oncall — Code in `src\/app\.ts`, line 2:\n {2}```typescript\n {2} {2}return items\.reduce\(\(a, b\) => a \+ b, 0\) \/ 0; \/\/ <b>oops<\/b>\n {2}```\n {2}- link: src\/app\.ts:2\n/);
  });
});
