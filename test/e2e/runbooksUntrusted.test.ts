// In a workspace that is not trusted, a runbook step never runs: "Run step" says why and offers
// to manage workspace trust, and nothing is sent to a terminal.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { screenshot } from '../harness/browser';
import { openWorkbench, type Workbench } from '../harness/session';

const SUITE = 'e2e';

describe('e2e: runbooks in a restricted workspace', function () {
  this.timeout(180_000);
  let workbench: Workbench | undefined;

  before(async function () {
    this.timeout(180_000);
    workbench = await openWorkbench({
      suite: SUITE,
      name: 'runbooks-untrusted',
      theme: 'light',
      workspaceTrust: true,
      settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' },
      waitForTitle: '',
    });
    const dir = path.join(workbench.workspace.dir, 'runbooks');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'touch.md'), '# Touch a file\n\n```sh\ntouch runbook-step-ran.txt\n```\n');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) await screenshot(workbench.page, SUITE, 'failed-runbooks-untrusted').catch(() => undefined);
  });

  after(async () => {
    await workbench?.dispose();
  });

  it('does not run the step and says why', async () => {
    const page = workbench!.page;
    await page.waitForTimeout(2000);
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 15_000 });
    await page.keyboard.type('touch.md', { delay: 10 });
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'touch.md' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    const run = page.locator('.codelens-decoration a', { hasText: /Run step/ }).first();
    await run.waitFor({ timeout: 30_000 });
    await run.click();
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: /only run in a trusted workspace/ }).first();
    await toast.waitFor({ timeout: 15_000 });
    assert.match(await toast.innerText(), /Manage Workspace Trust/);
    assert.strictEqual(await page.locator('.monaco-dialog-box').count(), 0, 'no confirmation: nothing can run');
    await screenshot(page, SUITE, 'runbooks-untrusted');
    await page.waitForTimeout(1500);
    assert.strictEqual(fs.existsSync(path.join(workbench!.workspace.dir, 'runbook-step-ran.txt')), false);
  });
});
