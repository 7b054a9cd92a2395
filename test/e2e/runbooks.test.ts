// Runbooks as a person meets them: the demo incident suggests the database runbook with its
// reason; a click opens it beside the code with CodeLenses; "Run step" asks for the placeholder,
// shows the exact command in a modal, runs it in a terminal named after the runbook and appends
// an action entry to the incident's timeline.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { focusPane, openViewContainer, runCommand, screenshot, widenSideBar, quickInput, typeAndEnter, sideBarRow } from '../harness/browser';
import { openWorkbench, type Workbench } from '../harness/session';

const SUITE = 'e2e';
const TITLE = 'Checkout returns 500 for new orders';

async function until<T>(what: string, fn: () => T | undefined | false, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const SMOKE_RUNBOOK = [
  '---',
  'title: Smoke check',
  'services: [checkout-service]',
  '---',
  '# Smoke check',
  '',
  '## Say hello',
  '',
  '```sh',
  'echo "smoke check for {{service}}"',
  '```',
  '',
].join('\n');

describe('e2e: runbooks', function () {
  this.timeout(180_000);
  let workbench: Workbench | undefined;
  let dir = '';

  before(async function () {
    this.timeout(180_000);
    workbench = await openWorkbench({ suite: SUITE, name: 'runbooks', theme: 'dark', settings: { 'incidentDesk.runbooks.flagsFile': 'config/flags.yml' } });
    dir = workbench.workspace.dir;
    const target = path.join(dir, 'runbooks');
    fs.mkdirSync(target, { recursive: true });
    // The demo keeps the shipped runbooks in docs/runbooks/; this one is the test's own.
    fs.writeFileSync(path.join(target, 'smoke-check.md'), SMOKE_RUNBOOK);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await screenshot(workbench.page, SUITE, `failed-runbooks-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => undefined);
    }
  });

  after(async () => {
    await workbench?.dispose();
  });

  it('suggests the database runbook for the demo incident, with its reason', async () => {
    const page = workbench!.page;
    await openViewContainer(page);
    await runCommand(page, 'Incident Desk: Start Incident');
    await quickInput(page, 'Start Incident (1/4)');
    await typeAndEnter(page, TITLE);
    await quickInput(page, 'Start Incident (2/4)');
    await typeAndEnter(page, 'SEV2');
    await quickInput(page, 'Start Incident (3/4)');
    await typeAndEnter(page, 'checkout-service');
    await quickInput(page, 'Start Incident (4/4)');
    await typeAndEnter(page, '');
    const incidentFile = await until('the incident file', () => {
      const files = fs.existsSync(path.join(dir, 'incidents')) ? fs.readdirSync(path.join(dir, 'incidents')).filter((f) => f.endsWith('.md')) : [];
      return files[0] ? path.join(dir, 'incidents', files[0]) : undefined;
    });
    // The responder quotes the failing log line in a hypothesis, as in the demo incident.
    await runCommand(page, 'Incident Desk: Log Entry');
    await quickInput(page, 'Log Entry: what is it?');
    await typeAndEnter(page, 'hypothesis');
    await quickInput(page, 'Log Entry: hypothesis');
    await typeAndEnter(page, 'Inserts fail with `no partition of relation "orders" found for row` since the deploy');
    await quickInput(page, 'Log Entry: link');
    await typeAndEnter(page, '');
    await until('the hypothesis in the file', () => fs.readFileSync(incidentFile, 'utf8').includes('no partition of relation'));

    await runCommand(page, 'Incident Desk: Refresh Runbooks');
    await widenSideBar(page, 480);
    // Fold the other views so the Runbooks view has the side bar.
    await focusPane(page, 'Runbooks');
    const suggested = sideBarRow(page, /Database writes fail/);
    await suggested.waitFor({ timeout: 30_000 });
    const reason = sideBarRow(page, /matches log signature `no partition of relation "orders" found for row`/);
    await reason.waitFor({ timeout: 15_000 });
    await sideBarRow(page, /^Levers/).waitFor({ timeout: 10_000 });
    await sideBarRow(page, /^Flags/).waitFor({ timeout: 10_000 });
    await screenshot(page, SUITE, 'runbooks-view');
  });

  it('opens the runbook beside the code, with Run step and Copy above its shell blocks', async () => {
    const page = workbench!.page;
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 15_000 });
    await page.keyboard.type('createOrder.ts', { delay: 10 });
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'createOrder.ts' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: 'createOrder.ts' }).first().waitFor({ timeout: 15_000 });

    await sideBarRow(page, /Database writes fail/).click();
    await page.locator('.tabs-container .tab', { hasText: 'database-write-failures.md' }).first().waitFor({ timeout: 15_000 });
    assert.strictEqual(await page.locator('.part.editor .editor-group-container').count(), 2, 'two editor groups: code and runbook');
    // Scroll the runbook to its first step, as a reader would.
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+F');
    await page.keyboard.type('## Confirm');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    const lens = page.locator('.editor-group-container.active .codelens-decoration a', { hasText: /Run step/ }).first();
    await lens.waitFor({ timeout: 20_000 });
    await page.locator('.codelens-decoration a', { hasText: /Copy/ }).first().waitFor({ timeout: 5_000 });
    await screenshot(page, SUITE, 'runbooks-beside');
  });

  it('runs a harmless step after asking its placeholder and confirming the exact command, and records it', async () => {
    const page = workbench!.page;
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 15_000 });
    await page.keyboard.type('smoke-check.md', { delay: 10 });
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'smoke-check.md' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    const run = page.locator('.editor-group-container.active .codelens-decoration a', { hasText: /Run step/ }).first();
    await run.waitFor({ timeout: 20_000 });
    await run.click();
    await page.locator('.quick-input-widget', { hasText: /Value for service/ }).first().waitFor({ timeout: 15_000 });
    await typeAndEnter(page, 'checkout-service');
    const dialog = page.locator('.monaco-dialog-box').first();
    await dialog.waitFor({ timeout: 15_000 });
    const dialogText = await dialog.innerText();
    assert.match(dialogText, /echo "smoke check for checkout-service"/);
    assert.match(dialogText, /recorded in the timeline/);
    await screenshot(page, SUITE, 'runbooks-confirm');
    await dialog.locator('.monaco-button', { hasText: /^Run$/ }).first().click();

    const incidentFile = path.join(dir, 'incidents', fs.readdirSync(path.join(dir, 'incidents')).find((f) => f.endsWith('.md'))!);
    const text = await until('the action entry', () => {
      const t = fs.readFileSync(incidentFile, 'utf8');
      return t.includes('Ran step') ? t : undefined;
    }, 60_000);
    assert.match(text, /· action · .* — Ran step `say-hello` of runbook “Smoke check”/);
    assert.match(text, /echo "smoke check for checkout-service"/);
    // With shell integration the output and exit code are in the entry; without it, the entry says so.
    console.log(`      recorded entry:\n${text.slice(text.indexOf('Ran step') - 60)}`);
    assert.ok(/exit code 0 in .*\n[\s\S]*smoke check for checkout-service\n[\s\S]*```/.test(text) || /could not be captured/.test(text), text);
    await page.locator('.terminal-tabs-entry, .single-terminal-tab, .terminal-tab', { hasText: /Runbook: Smoke check/ }).first().waitFor({ timeout: 10_000 }).catch(() => undefined);
    await screenshot(page, SUITE, 'runbooks-recorded');
  });

  it('flips a flag in the flags file after confirming, changing only its value, and records it', async () => {
    const page = workbench!.page;
    const flagsPath = path.join(dir, 'config', 'flags.yml');
    const before = fs.readFileSync(flagsPath, 'utf8');
    const row = sideBarRow(page, /flags\.payment_retries\.enabled/);
    await row.waitFor({ timeout: 10_000 });
    const was = /true/.test(await row.innerText());
    await row.click();
    const dialog = page.locator('.monaco-dialog-box').first();
    await dialog.waitFor({ timeout: 15_000 });
    assert.match(await dialog.innerText(), new RegExp(`flags\\.payment_retries\\.enabled: ${was} → ${!was}`));
    await dialog.locator('.monaco-button', { hasText: /^Change$/ }).first().click();
    const after = await until('the flag to change', () => {
      const t = fs.readFileSync(flagsPath, 'utf8');
      return t !== before ? t : undefined;
    });
    const changed = before.split('\n').map((l, i) => [l, after.split('\n')[i]]).filter(([a, b]) => a !== b);
    assert.strictEqual(changed.length, 1, JSON.stringify(changed));
    assert.strictEqual(changed[0]![1], changed[0]![0]!.replace(String(was), String(!was)));
    const incidentFile = path.join(dir, 'incidents', fs.readdirSync(path.join(dir, 'incidents')).find((f) => f.endsWith('.md'))!);
    await until('the flag entry', () => fs.readFileSync(incidentFile, 'utf8').includes('Set flag `flags.payment_retries.enabled`'));
    await page.locator('.tabs-container .tab', { hasText: /before ↔ after/ }).first().waitFor({ timeout: 10_000 });
    await page.locator('.part.sidebar .monaco-list-row', { hasText: new RegExp(`flags\\.payment_retries\\.enabled\\s*${!was}`) }).first().waitFor({ timeout: 10_000 });
    await screenshot(page, SUITE, 'runbooks-flag-diff');
  });

  it('a lever asks for its placeholders, shows the exact command, and does nothing when cancelled', async () => {
    const page = workbench!.page;
    const incidentFile = path.join(dir, 'incidents', fs.readdirSync(path.join(dir, 'incidents')).find((f) => f.endsWith('.md'))!);
    const before = fs.readFileSync(incidentFile, 'utf8');
    await page.waitForTimeout(1000); // let the view settle after the flag change
    await sideBarRow(page, /Roll back the code that writes the rows/).click();
    await page.locator('.quick-input-widget', { hasText: /Value for namespace/ }).first().waitFor({ timeout: 15_000 });
    await typeAndEnter(page, 'prod');
    await page.locator('.quick-input-widget', { hasText: /Value for deployment/ }).first().waitFor({ timeout: 15_000 });
    await typeAndEnter(page, 'orders-writer');
    const dialog = page.locator('.monaco-dialog-box').first();
    await dialog.waitFor({ timeout: 15_000 });
    const text = await dialog.innerText();
    assert.match(text, /Pull lever “rollback” of runbook “Database writes fail/);
    assert.match(text, /kubectl -n prod rollout undo deployment\/orders-writer/);
    assert.match(text, /kubectl -n prod rollout status deployment\/orders-writer --timeout=5m/);
    await screenshot(page, SUITE, 'runbooks-lever-confirm');
    await dialog.locator('.monaco-button', { hasText: /^Cancel$/ }).first().click();
    await dialog.waitFor({ state: 'hidden', timeout: 5_000 });
    await page.waitForTimeout(1500);
    assert.strictEqual(fs.readFileSync(incidentFile, 'utf8'), before, 'nothing recorded');
  });
});
