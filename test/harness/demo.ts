// The demo launcher behind scripts/demo.sh: code-server with the extension installed, on the
// demo workspace, until Ctrl-C.
//
//   node out/test/harness/demo.js [--check] [--workspace DIR]
//
// Without --workspace it regenerates ./demo-workspace (scripts/make-demo.mjs); DIR is opened as is.
// Port: $PORT or 8080, or a free one when that is busy. --check opens the workbench in headless
// Chromium, checks the Incident Desk activity-bar entry, saves test-results/demo/demo.png, exits.
import * as fs from 'fs';
import * as path from 'path';
import {
  focusPane,
  launchBrowser,
  openViewContainer,
  runCommand,
  screenshot,
  sideBarRow,
  widenSideBar,
  waitForSideBarContent,
  waitForWorkbench,
  type BrowserSession,
} from './browser';
import { CONTAINER_TITLE, PROJECT_ROOT, resultsDir } from './paths';
import { startEditor, type Editor } from './session';
import { freePort, isPortFree, setSignalExitCode } from './util';
import { createDemoWorkspace } from './workspace';
import { startDemoReplay } from '../replay/demoServer';

async function choosePort(): Promise<number> {
  const wanted = Number(process.env.PORT || 8080);
  if (Number.isInteger(wanted) && wanted > 0 && (await isPortFree(wanted))) return wanted;
  const port = await freePort();
  console.log(`demo: port ${wanted} is busy, using ${port}`);
  return port;
}

async function check(editor: Editor): Promise<void> {
  let browser: BrowserSession | undefined;
  try {
    browser = await launchBrowser(editor.sandbox);
    await browser.page.goto(editor.server.url());
    await waitForWorkbench(browser.page, { title: CONTAINER_TITLE, timeoutMs: 90_000 });
    await openViewContainer(browser.page);
    if (!(await waitForSideBarContent(browser.page))) console.log('demo: note: the side bar showed no content within 20 s');
    const file = await screenshot(browser.page, 'demo', 'demo');
    console.log(`demo: check ok: workbench loaded with the ${CONTAINER_TITLE} entry; screenshot ${path.relative(PROJECT_ROOT, file)}`);
    // The Logs view tells the story too: the demo service log, the TypeError signature bursting
    // after the deploy, and "order created" gone.
    const page = browser.page;
    await widenSideBar(page, 640);
    await runCommand(page, 'Incident Desk: Focus on Logs View');
    await focusPane(page, 'Logs');
    await sideBarRow(page, /checkout-service log.*ok · \d+ entries/).waitFor({ timeout: 60_000 });
    await sideBarRow(page, /TypeError: partitionKey must be a string, got null/).waitFor({ timeout: 15_000 });
    await sideBarRow(page, /Successes dropped/).waitFor({ timeout: 15_000 });
    await page.mouse.move(page.viewportSize()?.width ?? 1400, 0);
    await page.waitForTimeout(500);
    const logs = await screenshot(page, 'demo', 'demo-logs');
    console.log(`demo: check ok: the Logs view shows the demo service log; screenshot ${path.relative(PROJECT_ROOT, logs)}`);
    // The overview brings it together: every source on one axis, PR #226 first with its reasons.
    await runCommand(page, 'Incident Desk: Open Incident Overview');
    const overview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await overview.locator('.source.ok', { hasText: 'checkout-service log' }).waitFor({ timeout: 60_000 });
    // Sentry is read as the overview opens, even though the Errors view never was.
    await overview.locator('.source.ok', { hasText: /^Sentry \(demo data\)\s*\d+ issues/ }).waitFor({ timeout: 60_000 });
    await overview.locator('.suspect-title', { hasText: '#226 Refactor order metadata builder' }).first().waitFor({ timeout: 30_000 });
    const top = await overview.locator('.suspect-title').first().innerText();
    if (!top.includes('#226')) throw new Error(`the overview's top suspect is "${top}", not PR #226`);
    await page.mouse.move(page.viewportSize()?.width ?? 1400, 0);
    await page.waitForTimeout(500);
    const shot = await screenshot(page, 'demo', 'demo-overview');
    console.log(`demo: check ok: the Incident overview ranks PR #226 first; screenshot ${path.relative(PROJECT_ROOT, shot)}`);
  } catch (error) {
    if (browser) await screenshot(browser.page, 'demo', 'demo-failure').catch(() => undefined);
    console.error(`demo: check FAILED: ${(error as Error).message}`);
    console.error(`--- code-server log (tail) ---\n${editor.server.logTail(20)}`);
    if (browser) console.error(`--- browser log (tail) ---\n${browser.logTail(20)}`);
    throw error;
  } finally {
    if (browser) {
      browser.writeLog(path.join(resultsDir('demo'), 'browser.log'));
      await browser.close();
    }
  }
}

async function main(): Promise<number> {
  const checkOnly = process.argv.includes('--check');
  const wsIndex = process.argv.indexOf('--workspace');
  const given = wsIndex > 0 ? process.argv[wsIndex + 1] : undefined;
  // An existing folder is opened as it is; the default demo workspace is regenerated every time.
  const workspace = given
    ? { dir: path.resolve(given), generator: 'given' }
    : createDemoWorkspace(path.join(PROJECT_ROOT, 'demo-workspace'));
  console.log(`demo: workspace ${path.relative(PROJECT_ROOT, workspace.dir) || '.'} (${workspace.generator})`);
  // Demo Sentry and GitHub on a loopback port; the editor's user settings point at them with
  // incidentDesk.demoData on, so the views show errors, deploys and pull requests labelled as demo data.
  const replay = await startDemoReplay(fs.existsSync(path.join(workspace.dir, '.git')) ? workspace.dir : undefined);
  console.log(`demo: demo Sentry and GitHub (demo data) at ${replay.server.url}`);
  const editor = await startEditor({
    settings: replay.settings,
    suite: 'demo',
    name: 'demo',
    workspace: workspace.dir,
    install: 'symlink',
    port: await choosePort(),
    sandboxRoot: path.join(PROJECT_ROOT, '.vscode-test', 'demo'),
  });
  const stop = async (): Promise<void> => {
    await editor.dispose();
    await replay.server.close();
  };
  console.log('');
  console.log(`Incident Desk demo: open ${editor.server.url()}`);
  console.log('');
  if (checkOnly) {
    try {
      await check(editor);
      return 0;
    } catch {
      return 1;
    } finally {
      await stop();
    }
  }
  console.log('demo: running; press Ctrl-C to stop');
  // Ctrl-C runs the harness cleanup: it kills code-server and removes .vscode-test/demo.
  setSignalExitCode(0);
  process.prependOnceListener('SIGINT', () => console.log('\ndemo: stopping'));
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (editor.server.exited()) {
        clearInterval(timer);
        resolve();
      }
    }, 500);
  });
  console.error(`demo: code-server stopped unexpectedly; log: ${editor.server.logFile}\n${editor.server.logTail(20)}`);
  await stop();
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`demo: ${(error as Error)?.message ?? error}`);
    process.exit(1);
  },
);
