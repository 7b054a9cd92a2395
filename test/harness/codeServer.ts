// Starts code-server (VS Code's server + web workbench) in its own process group and stops the
// whole group again, also when the test process is interrupted.
import { spawn } from 'child_process';
import * as fs from 'fs';
import { CODE_SERVER } from './paths';
import type { Sandbox } from './sandbox';
import { freePort, groupAlive, killGroup, registerCleanup, sleep, sleepSync, tail, waitFor } from './util';

export interface CodeServerOptions {
  /** Folder opened by default (also given in the URL). */
  workspace: string;
  /** Where code-server's output goes. */
  logFile: string;
  /** Default: a free port. */
  port?: number;
  host?: string;
  /** Extra environment, e.g. for the extension host (it inherits code-server's environment). */
  env?: NodeJS.ProcessEnv;
  /** How long to wait for "HTTP server listening". Default 60 s. */
  readyTimeoutMs?: number;
  /** Keep workspace trust on (default off), to test what a restricted workspace does. */
  workspaceTrust?: boolean;
}

export interface CodeServer {
  port: number;
  pid: number;
  logFile: string;
  /** `127.0.0.1:PORT`: the remote authority of `vscode-remote://` URIs. */
  authority: string;
  /** Workbench URL that opens `folder` (default: the workspace). */
  url(folder?: string): string;
  exited(): boolean;
  logTail(lines?: number): string;
  /** Stops the process group: SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

export async function startCodeServer(sandbox: Sandbox, options: CodeServerOptions): Promise<CodeServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort());
  const out = fs.openSync(options.logFile, 'w');
  const args = [
    '--config', sandbox.configFile,
    '--user-data-dir', sandbox.userData,
    '--extensions-dir', sandbox.extensions,
    '--bind-addr', `${host}:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    options.workspace,
  ];
  const child = spawn(CODE_SERVER, args, {
    stdio: ['ignore', out, out],
    detached: true, // own process group: stop() kills exactly what this started
    env: { ...sandbox.env, ...options.env },
  });
  fs.closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${CODE_SERVER}`);
  let exitStatus: string | undefined;
  child.on('exit', (code, signal) => (exitStatus = `code=${code} signal=${signal}`));
  child.unref();

  const stopGently = async (): Promise<void> => {
    if (killGroup(pid, 'SIGTERM')) {
      const end = Date.now() + 5000;
      while (groupAlive(pid) && Date.now() < end) await sleep(100);
      killGroup(pid, 'SIGKILL');
    }
  };
  // At exit: kill, and wait (synchronously) until the group is gone, so that removing the
  // sandbox afterwards does not race with a process still writing into it.
  const stopNow = (): void => {
    if (!killGroup(pid, 'SIGKILL')) return;
    const end = Date.now() + 3000;
    while (groupAlive(pid) && Date.now() < end) sleepSync(50);
  };
  const cleanup = registerCleanup(stopNow);
  const stop = async (): Promise<void> => {
    await stopGently();
    await cleanup(); // unregisters; the group is gone already
  };

  const server: CodeServer = {
    port,
    pid,
    logFile: options.logFile,
    authority: `${host}:${port}`,
    url: (folder = options.workspace) => `http://${host}:${port}/?folder=${encodeURIComponent(folder).replace(/%2F/g, '/')}`,
    exited: () => exitStatus !== undefined,
    logTail: (lines = 40) => tail(options.logFile, lines),
    stop,
  };
  try {
    await waitFor(
      () => {
        if (exitStatus) throw new Error(`code-server exited early (${exitStatus}):\n${server.logTail()}`);
        return /HTTP server listening/.test(fs.readFileSync(options.logFile, 'utf8'));
      },
      options.readyTimeoutMs ?? 60_000,
      'code-server to listen',
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return server;
}
