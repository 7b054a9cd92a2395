// Runs the integration suite inside a real VS Code: starts code-server on a workspace, opens the
// workbench in headless Chromium with the extension loaded in development mode and
// out/test/integration/index.js as the tests entry, and waits for the extension host to report.
//
//   node out/test/integration/launch.js [--workspace DIR] [--timeout SECONDS]
//
// Prints a line per test and mocha's "N passing" / "N failing" summary, writes
// test-results/integration/results.json ({passed, failed, ...}), exits 1 on any failure.
import * as fs from 'fs';
import * as path from 'path';
import { injectDevelopmentOptions, launchBrowser, type BrowserSession } from '../harness/browser';
import { PROJECT_ROOT, resultsDir } from '../harness/paths';
import { startEditor, type Editor } from '../harness/session';
import { waitFor } from '../harness/util';
import { RESULTS_ENV, type IntegrationResults } from './index';

const SUITE = 'integration';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
}

const MARKS: Record<string, string> = { PASS: '✔', FAIL: '✗', SKIP: '-' };

/** A test line the extension host logged ("PASS title"), as mocha's spec reporter shows it. */
function testLine(hostLine: string): string | undefined {
  const match = /^\[\w+\] (PASS|FAIL|SKIP) ([^\n]*)/.exec(hostLine);
  return match ? `    ${MARKS[match[1]]} ${match[2]}` : undefined;
}

function printSummary(results: IntegrationResults, streamed: boolean): void {
  if (!streamed) {
    // The per-test lines did not arrive live: show them from the report.
    for (const title of results.passed) console.log(`    ✔ ${title}`);
    for (const title of results.pending) console.log(`    - ${title}`);
    for (const failure of results.failed) console.log(`    ✗ ${failure.title}`);
  }
  console.log('');
  console.log(`  ${results.passed.length} passing (${Math.round(results.durationMs)}ms)`);
  if (results.pending.length) console.log(`  ${results.pending.length} pending`);
  if (results.failed.length) {
    console.log(`  ${results.failed.length} failing`);
    results.failed.forEach((failure, i) => console.log(`\n  ${i + 1}) ${failure.title}:\n     ${failure.error.split('\n').join('\n     ')}`));
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const out = resultsDir(SUITE);
  const resultsFile = path.join(out, 'results.json');
  const rawResultsFile = path.join(out, 'extension-host-results.json');
  for (const file of [resultsFile, rawResultsFile, 'timeout.png', 'workbench.png']) fs.rmSync(path.resolve(out, file), { force: true });
  const timeoutMs = Number(argument('timeout') ?? process.env.INTEGRATION_TIMEOUT_S ?? 180) * 1000;
  const testsEntry = path.join(PROJECT_ROOT, 'out', 'test', 'integration', 'index.js');

  let editor: Editor | undefined;
  let browser: BrowserSession | undefined;
  let exitCode: number | undefined;
  const hostLog: string[] = [];
  try {
    editor = await startEditor({
      suite: SUITE,
      install: 'none', // loaded as a development extension instead
      workspace: argument('workspace'),
      env: { [RESULTS_ENV]: rawResultsFile, ...(process.env.INCIDENT_DESK_TEST_FILES ? { INCIDENT_DESK_TEST_FILES: process.env.INCIDENT_DESK_TEST_FILES } : {}) },
    });
    console.log(`  code-server ${editor.server.authority}, workspace ${editor.workspace.dir} (${editor.workspace.generator})\n`);
    browser = await launchBrowser(editor.sandbox);
    const page = browser.page;
    // The workbench calls these when the tests entry runs (the hooks @vscode/test-web uses).
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = `[${type}] ${(args ?? []).map(String).join(' ')}`;
      hostLog.push(line);
      const test = testLine(line);
      if (test) console.log(test);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => {
      exitCode = code;
    });
    await injectDevelopmentOptions(page, editor.server.authority, { extensions: [PROJECT_ROOT], extensionTestsPath: testsEntry });
    await page.goto(editor.server.url());
    try {
      await waitFor(() => exitCode !== undefined, timeoutMs, 'the extension host to finish the integration tests');
    } catch (error) {
      await page.screenshot({ path: path.join(out, 'timeout.png') }).catch(() => undefined);
      console.log(`  ${(error as Error).message}; screenshot: ${path.relative(PROJECT_ROOT, path.join(out, 'timeout.png'))}`);
      console.log('  --- browser log (tail) ---');
      console.log(browser.logTail(30));
      console.log('  --- code-server log (tail) ---');
      console.log(editor.server.logTail(15));
      throw error;
    }
    await page.screenshot({ path: path.join(out, 'workbench.png') }).catch(() => undefined);
  } catch (error) {
    if (exitCode === undefined) exitCode = -1;
    if (!fs.existsSync(rawResultsFile)) {
      const failure = { title: 'integration harness', error: String((error as Error)?.stack ?? error) };
      fs.writeFileSync(rawResultsFile, JSON.stringify({ passed: [], failed: [failure], pending: [], durationMs: 0 }));
    }
  } finally {
    fs.writeFileSync(path.join(out, 'extension-host.log'), hostLog.join('\n') + '\n');
    if (browser) {
      browser.writeLog(path.join(out, 'browser.log'));
      await browser.close();
    }
    await editor?.dispose();
  }

  let results: IntegrationResults;
  if (fs.existsSync(rawResultsFile)) {
    results = JSON.parse(fs.readFileSync(rawResultsFile, 'utf8'));
  } else {
    // The tests entry never wrote its report: it did not load or crashed before mocha finished.
    const error = hostLog.filter((l) => /error|exception/i.test(l)).slice(-10).join('\n') || `exit code ${exitCode}`;
    results = { passed: [], failed: [{ title: 'loading the integration tests entry', error }], pending: [], durationMs: 0 };
  }
  if (exitCode !== 0 && results.failed.length === 0) {
    results.failed.push({ title: 'extension host test run', error: `tests entry reported exit code ${exitCode}` });
  }
  printSummary(results, hostLog.some((line) => testLine(line) !== undefined));
  fs.writeFileSync(
    resultsFile,
    JSON.stringify(
      {
        passed: results.passed.length,
        failed: results.failed.length,
        pending: results.pending.length,
        exitCode,
        vscodeVersion: results.vscodeVersion,
        wallSeconds: Math.round((Date.now() - started) / 100) / 10,
        tests: results,
      },
      null,
      2,
    ),
  );
  return results.failed.length === 0 && results.passed.length > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
