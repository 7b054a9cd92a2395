// Incident records as a person meets them: the palette, quick inputs, the keybinding, the
// Timeline view, the status bar, and the postmortem with its blaming-phrase warnings.
import * as assert from 'assert';
import { openViewContainer, runCommand, screenshot, sideBarRow, widenSideBar, quickInput, typeAndEnter } from '../harness/browser';
import { openWorkbench, type Workbench } from '../harness/session';

const SUITE = 'e2e';
const TITLE = 'Checkout returns 500 for new-region orders';

describe('e2e: incident records', function () {
  this.timeout(120_000);
  let workbench: Workbench | undefined;

  before(async function () {
    this.timeout(180_000);
    workbench = await openWorkbench({ suite: SUITE, name: 'incident', theme: 'light' });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await screenshot(workbench.page, SUITE, `failed-incident-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => undefined);
    }
  });

  after(async () => {
    await workbench?.dispose();
  });

  it("opens on the demo's half-written incident: active in the status bar, H1 refuted, H2 open", async () => {
    const page = workbench!.page;
    await openViewContainer(page);
    await widenSideBar(page, 520);
    const status = page.locator('.part.statusbar .statusbar-item', { hasText: 'SEV2 · Checkout returns 500 for new or' }).first();
    await status.waitFor({ timeout: 20_000 });
    assert.match(await status.innerText(), /SEV2 · Checkout returns 500 for new or… · 2\dm/);
    // Fold Changes so the Timeline has room, as a responder catching up would.
    await page.locator('.part.sidebar .pane-header', { hasText: /^changes/i }).first().click();
    const timeline = page.locator('.part.sidebar .pane-header', { hasText: /^timeline/i }).first();
    if ((await timeline.getAttribute('aria-expanded')) !== 'true') await timeline.click();
    const refuted = sideBarRow(page, /payment provider is slow/);
    await refuted.waitFor({ timeout: 15_000 });
    assert.match(await refuted.innerText(), /H1/);
    const open = sideBarRow(page, /changed how partition_key is set/);
    await open.waitFor({ timeout: 15_000 });
    assert.match(await open.innerText(), /H2/);
    await page.mouse.move(1, 1);
    await page.waitForTimeout(500);
    await screenshot(page, SUITE, 'incident-demo');
    // Unfold Changes again for what follows.
    await page.locator('.part.sidebar .pane-header', { hasText: /^changes/i }).first().click();
  });

  it('starts an incident from the palette through its quick inputs', async () => {
    const page = workbench!.page;
    await openViewContainer(page);
    await widenSideBar(page, 520);
    // Work starts in the code: open a file and select a line to link later.
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 15_000 });
    await page.keyboard.type('createOrder.ts', { delay: 10 });
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'createOrder.ts' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: 'createOrder.ts' }).first().waitFor({ timeout: 15_000 });

    await runCommand(page, 'Incident Desk: Start Incident');
    await quickInput(page, 'Start Incident (1/4)');
    await typeAndEnter(page, TITLE);
    await quickInput(page, 'Start Incident (2/4)');
    await typeAndEnter(page, 'SEV2');
    await quickInput(page, 'Start Incident (3/4)');
    await typeAndEnter(page, 'checkout-service');
    await quickInput(page, 'Start Incident (4/4)');
    await typeAndEnter(page, ''); // the commander defaults to git user.name

    await page.locator('.tabs-container .tab', { hasText: /checkout-returns-500-for-new-region-orders\.md/ }).first().waitFor({ timeout: 20_000 });
    const status = page.locator('.part.statusbar .statusbar-item', { hasText: `SEV2 · ${TITLE.slice(0, 31)}` }).first();
    await status.waitFor({ timeout: 15_000 });
    assert.match(await status.innerText(), /SEV2 · Checkout returns 500 .* · \d+m/);
    await sideBarRow(page, /Nothing written down yet/).waitFor({ timeout: 15_000 });
  });

  it('logs an observation with the keybinding, linked to the selected code, and shows it in the Timeline', async () => {
    const page = workbench!.page;
    // Back in createOrder.ts: select the call that validates the order.
    await page.locator('.tabs-container .tab', { hasText: 'createOrder.ts' }).first().click();
    await page.keyboard.press('Control+F');
    await page.keyboard.type('validateOrder(input)');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape'); // the match stays selected
    await page.waitForTimeout(300);

    await page.keyboard.press('Control+Alt+KeyI');
    await quickInput(page, 'Log Entry: what is it?');
    await typeAndEnter(page, 'observation');
    await quickInput(page, 'Log Entry: observation');
    await typeAndEnter(page, 'Error rate on /checkout is 40 % since 14:20');
    await quickInput(page, 'Log Entry: link');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: /Link src\/orders\/createOrder\.ts:\d+/ }).first().waitFor({ timeout: 10_000 });
    await typeAndEnter(page, '');
    const row = sideBarRow(page, /Error rate on \/checkout is 40 %/);
    await row.waitFor({ timeout: 15_000 });
    assert.match(await row.innerText(), /observation/);
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 });

    await page.keyboard.press('Control+Alt+KeyI');
    await quickInput(page, 'Log Entry: what is it?');
    await typeAndEnter(page, 'hypothesis');
    await quickInput(page, 'Log Entry: hypothesis');
    await typeAndEnter(page, 'Orders for the new region have no partition');
    await quickInput(page, 'Log Entry: link');
    await page.keyboard.press('ArrowDown'); // "No link" this time
    await typeAndEnter(page, '');

    await sideBarRow(page, /Orders for the new region have no partition/).waitFor({ timeout: 15_000 });
    const editorText = await page.locator('.editor-instance', { hasText: 'Error rate on /checkout' }).first().innerText().then((t) => t.replace(/\u00a0/g, ' ')).catch(() => '');
    assert.match(editorText, /link: src\/orders\/createOrder\.ts:\d+/);
    // Give the Timeline the side bar for the picture: fold the Changes view.
    await page.locator('.part.sidebar .pane-header', { hasText: /^changes/i }).first().click();
    await page.mouse.move(1, 1);
    await page.waitForTimeout(500);
    await screenshot(page, SUITE, 'incident-timeline');
  });

  it('drafts the postmortem and warns about blaming wording typed into it', async () => {
    const page = workbench!.page;
    await runCommand(page, 'Incident Desk: Draft Postmortem');
    const tab = page.locator('.tabs-container .tab', { hasText: /\.postmortem\.md/ }).first();
    await tab.waitFor({ timeout: 20_000 });
    const editor = page.locator('.editor-instance .monaco-editor', { hasText: 'Postmortem:' }).first();
    await editor.waitFor({ timeout: 15_000 });
    await editor.locator('.view-line', { hasText: '## Summary' }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('The outage was caused by human error during the deploy.', { delay: 5 });
    const squiggle = editor.locator('.squiggly-warning').first();
    await squiggle.waitFor({ timeout: 15_000 });
    // The squiggle sits under the text: point at it rather than "hover" the element.
    const box = await squiggle.boundingBox();
    if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 4, { steps: 4 });
    const hover = page.locator('.monaco-hover', { hasText: /human error/ }).first();
    await hover.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
    await page.waitForTimeout(500);
    await screenshot(page, SUITE, 'incident-postmortem');
    assert.ok(await squiggle.isVisible(), 'a warning squiggle under the blaming phrase');
  });
});
