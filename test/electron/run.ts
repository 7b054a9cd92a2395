// Runs the integration suite in VS Code desktop (Electron) via @vscode/test-electron, for
// contributors whose machine can download VS Code and show a window (on a headless Linux box,
// wrap it in xvfb-run). CI uses code-server instead: npm run test:integration.
//
//   npm run compile-tests && npm run build && npm run test:electron
//
// Env: VSCODE_VERSION (default 1.100.3, the version the extension targets), KEEP_TMP=1.
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { RESULTS_ENV } from '../integration/index';
import { PROJECT_ROOT, resultsDir } from '../harness/paths';
import { createSandbox } from '../harness/sandbox';
import { createDemoWorkspace } from '../harness/workspace';

async function main(): Promise<number> {
  const sandbox = createSandbox({ name: 'electron', install: 'none' });
  try {
    const workspace = createDemoWorkspace(path.join(sandbox.root, 'workspace'));
    const resultsFile = path.join(resultsDir('electron'), 'results.json');
    await runTests({
      version: process.env.VSCODE_VERSION || '1.100.3',
      extensionDevelopmentPath: PROJECT_ROOT,
      extensionTestsPath: path.join(PROJECT_ROOT, 'out', 'test', 'electron', 'index.js'),
      extensionTestsEnv: { [RESULTS_ENV]: resultsFile },
      launchArgs: [
        workspace.dir,
        '--user-data-dir', sandbox.userData,
        '--extensions-dir', sandbox.extensions,
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-telemetry',
      ],
    });
    console.log(`integration tests passed in VS Code desktop; results: ${path.relative(PROJECT_ROOT, resultsFile)}`);
    return 0;
  } catch (error) {
    console.error(`integration tests failed in VS Code desktop: ${(error as Error)?.message ?? error}`);
    return 1;
  } finally {
    sandbox.dispose();
  }
}

main().then((code) => process.exit(code));
