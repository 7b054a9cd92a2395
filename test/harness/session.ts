// One editor run: sandbox + workspace + code-server (+ browser for UI tests), torn down by one
// dispose() that always kills code-server and removes the temp folders, also after a failure.
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { launchBrowser, waitForWorkbench, type BrowserSession } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import { CONTAINER_TITLE, assertToolsInstalled, resultsDir } from './paths';
import { createSandbox, type Sandbox, type SandboxOptions, type Theme } from './sandbox';
import { registerCleanup } from './util';
import { createDemoWorkspace, type Workspace } from './workspace';

export interface EditorOptions {
  /** Artifacts go to test-results/<suite>/. */
  suite: string;
  /** Distinguishes several runs in one suite (log file names). Default: suite. */
  name?: string;
  /** An existing folder to open; default: a demo workspace generated fresh into the sandbox. */
  workspace?: string;
  install: SandboxOptions['install'];
  theme?: Theme;
  settings?: Record<string, unknown>;
  /** Environment for code-server and its extension host. */
  env?: NodeJS.ProcessEnv;
  port?: number;
  /** Fixed sandbox folder (the demo); default a temp folder. */
  sandboxRoot?: string;
  /** Keep workspace trust on; also set `security.workspace.trust.enabled` in `settings`. */
  workspaceTrust?: boolean;
}

export interface Editor {
  sandbox: Sandbox;
  workspace: Workspace | { dir: string; generator: 'given' };
  server: CodeServer;
  dispose(): Promise<void>;
}

/** Starts code-server on a workspace; the extension is installed per `install`. */
export async function startEditor(options: EditorOptions): Promise<Editor> {
  assertToolsInstalled();
  const name = options.name ?? options.suite;
  const sandbox = createSandbox({
    name,
    install: options.install,
    theme: options.theme,
    settings: options.settings,
    root: options.sandboxRoot,
  });
  const removeSandbox = registerCleanup(() => sandbox.dispose());
  let server: CodeServer | undefined;
  try {
    const workspace = options.workspace
      ? { dir: path.resolve(options.workspace), generator: 'given' as const }
      : createDemoWorkspace(path.join(sandbox.root, 'workspace'));
    if (!fs.existsSync(workspace.dir)) throw new Error(`workspace ${workspace.dir} does not exist`);
    server = await startCodeServer(sandbox, {
      workspace: workspace.dir,
      logFile: path.join(resultsDir(options.suite), `${name}-code-server.log`),
      env: options.env,
      port: options.port,
      workspaceTrust: options.workspaceTrust,
    });
    const started = server;
    return {
      sandbox,
      workspace,
      server: started,
      dispose: async () => {
        await started.stop();
        await removeSandbox();
      },
    };
  } catch (error) {
    await server?.stop();
    await removeSandbox();
    throw error;
  }
}

export interface WorkbenchOptions extends Omit<EditorOptions, 'install'> {
  install?: EditorOptions['install'];
  /** Wait for this activity-bar entry (default: Incident Desk); '' waits for the workbench only. */
  waitForTitle?: string;
  /** A .code-workspace file to open instead of the workspace folder (a multi-root workspace). */
  workspaceFile?: string;
  /** Called with the page before it navigates (init scripts, exposed functions). */
  beforeNavigate?: (page: Page, editor: Editor) => Promise<void>;
  timeoutMs?: number;
}

export interface Workbench extends Editor {
  browser: BrowserSession;
  page: Page;
  /** Closes the browser, stops code-server, removes temp folders; writes the browser log. */
  dispose(): Promise<void>;
}

/** Starts code-server with the extension installed and opens the workbench in Chromium. */
export async function openWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const editor = await startEditor({ ...options, install: options.install ?? 'symlink' });
  const name = options.name ?? options.suite;
  let browser: BrowserSession | undefined;
  const dispose = async (): Promise<void> => {
    if (browser) {
      browser.writeLog(path.join(resultsDir(options.suite), `${name}-browser.log`));
      await browser.close();
    }
    await editor.dispose();
  };
  try {
    browser = await launchBrowser(editor.sandbox);
    await options.beforeNavigate?.(browser.page, editor);
    // One navigation only: a second one would tear down a workbench that is still activating.
    const url = editor.server.url();
    await browser.page.goto(options.workspaceFile ? url.replace(/\?folder=.*$/, `?workspace=${encodeURIComponent(options.workspaceFile).replace(/%2F/g, '/')}`) : url);
    const title = options.waitForTitle ?? CONTAINER_TITLE;
    await waitForWorkbench(browser.page, { title: title || undefined, timeoutMs: options.timeoutMs });
    return { ...editor, browser, page: browser.page, dispose };
  } catch (error) {
    const detail = [
      error instanceof Error ? error.message : String(error),
      '--- code-server log (tail) ---',
      editor.server.logTail(20),
      '--- browser log (tail) ---',
      browser?.logTail(20) ?? '(no browser)',
    ].join('\n');
    if (browser) await browser.page.screenshot({ path: path.join(resultsDir(options.suite), `${name}-failure.png`) }).catch(() => undefined);
    await dispose();
    throw new Error(detail);
  }
}
