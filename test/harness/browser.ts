// Debian's Chromium driven by playwright-core against the code-server workbench.
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CHROMIUM, CONTAINER_TITLE, resultsDir } from './paths';
import type { Sandbox } from './sandbox';
import { registerCleanup } from './util';

/** Flags for a headless, offline, quiet browser running as root in a container. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console messages and page errors, in order. */
  log: string[];
  logTail(lines?: number): string;
  writeLog(file: string): void;
  close(): Promise<void>;
}

export async function launchBrowser(
  sandbox: Sandbox,
  viewport: { width: number; height: number } = { width: 1400, height: 900 },
): Promise<BrowserSession> {
  const context = await chromium.launchPersistentContext(sandbox.chromeProfile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    env: { ...sandbox.env }, // TMPDIR inside the sandbox
    // The harness closes the browser on signals (before it removes the profile folder).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const closeOnExit = registerCleanup(() => context.close().catch(() => undefined));
  const page = context.pages()[0] ?? (await context.newPage());
  const log: string[] = [];
  const stamp = (): string => new Date().toISOString().slice(11, 23);
  page.on('console', (message) => log.push(`${stamp()} [console.${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => log.push(`${stamp()} [pageerror] ${error.message}`));
  return {
    context,
    page,
    log,
    logTail: (lines = 40) => log.slice(-lines).join('\n'),
    writeLog: (file) => fs.writeFileSync(file, log.join('\n') + '\n'),
    close: () => closeOnExit(),
  };
}

/** The activity-bar entry of a view container; its aria-label starts with the container title. */
export function activityBarEntry(page: Page, title = CONTAINER_TITLE): Locator {
  return page
    .locator(
      `.part.activitybar .action-item a[aria-label^="${title}"], .part.activitybar .action-item[aria-label^="${title}"]`,
    )
    .first();
}

/** Waits for the workbench and, when `title` is given, for that container's activity-bar entry. */
export async function waitForWorkbench(page: Page, options: { title?: string; timeoutMs?: number } = {}): Promise<void> {
  const timeout = options.timeoutMs ?? 90_000;
  await page.locator('.monaco-workbench').waitFor({ timeout });
  await page.locator('.part.activitybar').waitFor({ timeout });
  if (options.title) await activityBarEntry(page, options.title).waitFor({ timeout });
}

/** Clicks a view container's activity-bar entry and waits for the side bar to show it. */
export async function openViewContainer(page: Page, title = CONTAINER_TITLE, timeoutMs = 30_000): Promise<void> {
  const entry = activityBarEntry(page, title);
  await entry.waitFor({ timeout: timeoutMs });
  const checked = async (): Promise<boolean> =>
    (await entry.getAttribute('aria-checked')) === 'true' ||
    (await entry.locator('xpath=ancestor-or-self::*[contains(@class,"action-item")][1]').getAttribute('class'))?.includes('checked') === true;
  if (!(await checked())) await entry.click();
  await page.mouse.move(page.viewportSize()?.width ?? 1400, 0); // no hover tooltip in screenshots
  await page
    .locator('.part.sidebar .composite.title', { hasText: new RegExp(title, 'i') })
    .first()
    .waitFor({ timeout: timeoutMs });
}

/** Drags the side bar's edge so that row descriptions are readable in screenshots. */
export async function widenSideBar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= width) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width - 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 8 });
  await page.mouse.up();
}

/** The first tree row in the side bar that shows `text`. */
export function sideBarRow(page: Page, text: string | RegExp): Locator {
  return page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();
}

/** Waits for the quick input whose title contains `title`. */
export async function quickInput(page: Page, title: string | RegExp): Promise<void> {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).first().waitFor({ state: 'visible', timeout: 15_000 });
}

/** Types into the open quick input (nothing for ''), lets the list follow, and accepts. */
export async function typeAndEnter(page: Page, text: string): Promise<void> {
  if (text) await page.keyboard.type(text, { delay: 10 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
}

/** Collapses every view of the container but the one titled `title`, so it gets the room. */
export async function focusPane(page: Page, title: string): Promise<void> {
  const headers = page.locator('.part.sidebar .pane-header');
  const n = await headers.count();
  for (let i = 0; i < n; i++) {
    const h = headers.nth(i);
    const text = (await h.innerText()).trim().toUpperCase();
    const expanded = (await h.getAttribute('aria-expanded')) === 'true';
    const wanted = text.startsWith(title.toUpperCase());
    if (expanded !== wanted) await h.click();
  }
}

/**
 * Waits until the side bar shows content (tree rows or a welcome message) and no progress bar
 * runs. Returns false instead of throwing on timeout: for screenshots, not for assertions.
 */
export async function waitForSideBarContent(page: Page, timeoutMs = 20_000): Promise<boolean> {
  try {
    await page
      .locator('.part.sidebar .pane-body .monaco-list-row, .part.sidebar .pane-body .welcome-view-content')
      .first()
      .waitFor({ state: 'visible', timeout: timeoutMs });
    // A string: this project compiles without the DOM library.
    await page.waitForFunction(
      `![...document.querySelectorAll('.part.sidebar .monaco-progress-container.active')]
         .some((el) => el.getClientRects().length > 0 && getComputedStyle(el).display !== 'none')`,
      undefined,
      { timeout: timeoutMs },
    );
    return true;
  } catch {
    return false;
  }
}

/** Runs a command by its palette title through F1, as a user would. */
export async function runCommand(page: Page, title: string, timeoutMs = 15_000): Promise<void> {
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } }).catch(() => undefined);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: timeoutMs });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: timeoutMs });
  await page.keyboard.press('Enter');
}

/** Saves a PNG as test-results/<suite>/<name>.png and returns its path. */
export async function screenshot(page: Page, suite: string, name: string): Promise<string> {
  const file = path.join(resultsDir(suite), `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Adds `developmentOptions` (extensions to load in development mode, the tests module) to the
 * workbench configuration before the workbench reads it: the options @vscode/test-web sets. It
 * rewrites the `data-settings` attribute of the configuration meta tag as the parser inserts it.
 * (Serving a rewritten page through page.route() breaks the WebSocket to 127.0.0.1.)
 */
export async function injectDevelopmentOptions(
  page: Page,
  authority: string,
  options: { extensions: string[]; extensionTestsPath?: string },
): Promise<void> {
  const uri = (p: string) => ({ scheme: 'vscode-remote', authority, path: p });
  const dev: Record<string, unknown> = { extensions: options.extensions.map(uri) };
  if (options.extensionTestsPath) dev.extensionTestsPath = uri(options.extensionTestsPath);
  // A string, not a function: this project compiles without the DOM library.
  await page.addInitScript(`(() => {
    const dev = ${JSON.stringify(dev)};
    const patch = (el) => {
      const cfg = JSON.parse(el.getAttribute('data-settings'));
      cfg.developmentOptions = Object.assign({}, cfg.developmentOptions, dev);
      el.setAttribute('data-settings', JSON.stringify(cfg));
    };
    const observer = new MutationObserver(() => {
      const el = document.getElementById('vscode-workbench-web-configuration');
      if (el) { observer.disconnect(); patch(el); }
    });
    observer.observe(document, { childList: true, subtree: true });
  })();`);
}
