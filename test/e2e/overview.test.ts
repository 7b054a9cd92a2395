// The Incident overview as a person meets it: opened from the palette in a dark theme, one time
// axis with the demo's deploys, pull requests and incident entries, and suspects with reasons;
// "Make hypothesis" writes the top suspect into the timeline.
import * as assert from 'assert';
import type { FrameLocator, Page } from 'playwright-core';
import { openViewContainer, runCommand, screenshot, sideBarRow, widenSideBar } from '../harness/browser';
import { openWorkbench, type Workbench } from '../harness/session';

const SUITE = 'e2e';

function overviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

describe('e2e: incident overview', function () {
  this.timeout(120_000);
  let workbench: Workbench | undefined;

  before(async function () {
    this.timeout(180_000);
    workbench = await openWorkbench({ suite: SUITE, name: 'overview', theme: 'dark' });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await screenshot(workbench.page, SUITE, `failed-overview-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => undefined);
    }
  });

  after(async () => {
    await workbench?.dispose();
  });

  it('shows deploys, the pull request and the incident on one axis, and ranks the pull request first', async () => {
    const page = workbench!.page;
    await openViewContainer(page);
    await widenSideBar(page, 420);
    await runCommand(page, 'Incident Desk: Open Incident Overview');
    const frame = overviewFrame(page);
    await frame.locator('h1', { hasText: 'Checkout returns 500 for new orders' }).waitFor({ timeout: 30_000 });
    await frame.locator('.lane .item', { hasText: '#226' }).first().waitFor({ timeout: 20_000 });
    assert.ok((await frame.locator('.lane .item', { hasText: /^deploy-/ }).count()) > 0, 'deploy markers on the axis');
    assert.ok((await frame.locator('.lane .item', { hasText: /hypothesis H2/ }).count()) > 0, 'the open hypothesis on the axis');
    assert.match(await frame.locator('.source.ok').first().innerText(), /git [^]*\d+ commits/);
    const top = frame.locator('.suspect').first();
    await top.waitFor({ timeout: 10_000 });
    assert.match(await top.locator('.suspect-title').innerText(), /^#226 /);
    assert.match(await top.locator('.reasons').innerText(), /deployed with `deploy-\d{8}-\d{4}` \d+ min before the incident started/);
    await page.mouse.move(1, 1);
    await screenshot(page, SUITE, 'overview');
  });

  it('turns the top suspect into a hypothesis in the timeline, with its reasons as evidence', async () => {
    const page = workbench!.page;
    const frame = overviewFrame(page);
    await frame.locator('.suspect').first().getByRole('button', { name: 'Make hypothesis' }).click();
    const timeline = page.locator('.part.sidebar .pane-header', { hasText: /^timeline/i }).first();
    if ((await timeline.getAttribute('aria-expanded')) !== 'true') await timeline.click();
    const row = sideBarRow(page, /#226 .* caused it/);
    await row.waitFor({ timeout: 15_000 });
    assert.match(await row.innerText(), /H3/);
    await frame.locator('.lane .item', { hasText: /hypothesis H3/ }).first().waitFor({ timeout: 15_000 });
    await page.mouse.move(1, 1);
    await screenshot(page, SUITE, 'overview-hypothesis');
  });
});
