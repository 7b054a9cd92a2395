// The tests entry (extensionTestsPath) that VS Code's extension host loads: runs mocha over
// out/test/integration/suite/**/*.test.js with the real `vscode` API. Used by code-server
// (launch.ts) and by @vscode/test-electron (test/electron/run.ts).
//
// Results: a PASS/FAIL console line per test (the workbench forwards extension-host console
// output to the browser) and, when INCIDENT_DESK_TEST_RESULTS names a file, a JSON report there.
import * as fs from 'fs';
import * as path from 'path';
import Mocha = require('mocha');

export interface IntegrationResults {
  passed: string[];
  failed: { title: string; error: string }[];
  pending: string[];
  durationMs: number;
  vscodeVersion?: string;
}

export const RESULTS_ENV = 'INCIDENT_DESK_TEST_RESULTS';

function findTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return findTests(full);
      return entry.name.endsWith('.test.js') ? [full] : [];
    })
    .sort();
}

function writeResults(results: IntegrationResults): void {
  const file = process.env[RESULTS_ENV];
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(results, null, 2));
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000, reporter: 'spec' });
  // INCIDENT_DESK_TEST_FILES=overview,logs runs only the suite files whose names contain one of those words.
  const only = (process.env.INCIDENT_DESK_TEST_FILES ?? '').split(',').filter(Boolean);
  const files = findTests(path.join(__dirname, 'suite')).filter((f) => only.length === 0 || only.some((w) => path.basename(f).includes(w)));
  for (const file of files) mocha.addFile(file);

  const started = Date.now();
  const results: IntegrationResults = { passed: [], failed: [], pending: [], durationMs: 0 };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    results.vscodeVersion = (require('vscode') as { version: string }).version;
  } catch {
    // not inside VS Code: the suite will fail on its own
  }

  return new Promise((resolve, reject) => {
    if (files.length === 0) {
      writeResults(results);
      reject(new Error(`no integration tests found under ${path.join(__dirname, 'suite')}`));
      return;
    }
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        results.durationMs = Date.now() - started;
        writeResults(results);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
    } catch (error) {
      results.failed.push({ title: 'loading the integration suite', error: String((error as Error)?.stack ?? error) });
      writeResults(results);
      reject(error);
      return;
    }
    runner.on('pass', (test) => {
      results.passed.push(test.fullTitle());
      console.log(`PASS ${test.fullTitle()}`);
    });
    runner.on('fail', (test, error: Error) => {
      results.failed.push({ title: test.fullTitle(), error: String(error?.stack ?? error) });
      // One line: the outer runner shows it live and the error with the summary.
      console.log(`FAIL ${test.fullTitle()}`);
    });
    runner.on('pending', (test) => {
      results.pending.push(test.fullTitle());
      console.log(`SKIP ${test.fullTitle()}`);
    });
  });
}
