// Small process helpers shared by the harness: ports, polling, and cleanup that also runs when
// the test process is interrupted or dies, so no code-server is left behind.
import * as fs from 'fs';
import * as net from 'net';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** Polls `condition` every 100 ms; throws `timeout waiting for <what>` after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > end) throw new Error(`timeout after ${Math.round(timeoutMs / 1000)}s waiting for ${what}`);
    await sleep(100);
  }
}

/** Last `lines` lines of a text file, or '' when it cannot be read. */
export function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Sends a signal to a whole process group; false when it no longer exists. */
export function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Whether a process group still has a running (not zombie) member. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  if (!fs.existsSync('/proc/self/stat')) return true;
  // An exited child stays a zombie until Node reaps it, which a blocked event loop never does.
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // state ppid pgrp ...
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') return true;
    } catch {
      // the process went away while reading
    }
  }
  return false;
}

type Cleanup = () => void | Promise<void>;
/** Newest first: a browser closes before its code-server stops, which stops before its folders go. */
const pending: Cleanup[] = [];
let hooked = false;
let signalExitCode: number | undefined;
const SIGNAL_CLEANUP_LIMIT_MS = 15_000;

/** Exit status after cleanup on a signal; default 128 + signal number. The demo exits 0 on Ctrl-C. */
export function setSignalExitCode(code: number | undefined): void {
  signalExitCode = code;
}

function take(): Cleanup[] {
  return pending.splice(0, pending.length);
}

/** On exit only synchronous work happens: promises returned by cleanups are not awaited. */
function runPendingSync(): void {
  for (const cleanup of take()) {
    try {
      void Promise.resolve(cleanup()).catch(() => undefined);
    } catch {
      // best effort: the process is going away
    }
  }
}

async function runPendingAsync(): Promise<void> {
  for (const cleanup of take()) {
    try {
      await cleanup();
    } catch {
      // best effort
    }
  }
}

function hookProcess(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', runPendingSync);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(signal, () => {
      const limit = setTimeout(() => process.exit(signalExitCode ?? code), SIGNAL_CLEANUP_LIMIT_MS);
      void runPendingAsync().then(() => {
        clearTimeout(limit);
        process.exit(signalExitCode ?? code);
      });
    });
  }
}

/**
 * Registers a cleanup that also runs when the process exits (synchronous part only), is
 * interrupted (SIGINT/SIGTERM/SIGHUP: awaited, up to 15 s) or dies of an uncaught error.
 * Returns a function that runs it now, once, and unregisters it.
 */
export function registerCleanup(cleanup: Cleanup): () => Promise<void> {
  hookProcess();
  let done = false;
  const once = async (): Promise<void> => {
    if (done) return;
    done = true;
    const index = pending.indexOf(once);
    if (index >= 0) pending.splice(index, 1);
    await cleanup();
  };
  pending.unshift(once);
  return once;
}

/** Blocks the thread: only for exit-time cleanup, where nothing asynchronous runs any more. */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 200 });
}
