/**
 * The command log source: runs a program (`kubectl logs …`, `journalctl -o json …`, `docker
 * logs -t …`) from an argument array, never through a shell, and parses its output as it
 * streams. A missing program, a non-zero exit or a timeout becomes the status of the result
 * (with what was read before); only cancelling rejects.
 */

import { spawn } from 'node:child_process';
import { SourceError } from '../../../core/errors';
import { LogCollector } from '../../../core/logs/collector';
import type { LogQuery } from '../../../core/logs/collector';
import { LogStreamParser } from '../../../core/logs/streamParser';
import { TimeParser } from '../../../core/logs/time';
import type { LogFormatSpec, LogReadResult } from '../../../core/model/logs';

export interface CommandLogSourceOptions {
  /** Program and arguments, e.g. ['kubectl', 'logs', '--timestamps', 'deploy/api']. */
  argv: readonly string[];
  cwd?: string;
  /** Added to the environment of this process. */
  env?: Record<string, string>;
  /** Name of the source in entries and findings; default: the arguments joined with spaces. */
  label?: string;
  format?: LogFormatSpec;
  timeZone?: string;
  /** Kill the program after this long (its output so far is kept); default 30 s. */
  timeoutMs?: number;
  /**
   * Also parse standard error as log lines (`docker logs` passes a container's stderr through
   * on its own stderr). Default false: stderr is only kept, its end shown when the command fails.
   */
  parseStderr?: boolean;
  /** Stop the program once its output is past the window (time-ordered output); default true. */
  stopAfterWindow?: boolean;
  signal?: AbortSignal;
}

const STDERR_TAIL = 4 * 1024;
const KILL_GRACE_MS = 2000;

export function readCommandLogs(options: CommandLogSourceOptions, query: LogQuery): Promise<LogReadResult> {
  const label = options.label ?? options.argv.join(' ');
  const program = options.argv[0];
  const collector = new LogCollector(label, query);
  const time = new TimeParser({ timeZone: options.timeZone });
  const stopAt = collector.range.end + collector.tolerance;
  let latest = -Infinity;
  let disordered = false;
  let stoppedAfterWindow = false;
  let bytesRead = 0;
  let stderrTail = '';

  return new Promise<LogReadResult>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new SourceError('cancelled', 'Cancelled.'));
      return;
    }
    if (!program) {
      resolve(finish(new SourceError('notConfigured', 'No command is configured for this log source.')));
      return;
    }
    const child = spawn(program, options.argv.slice(1), {
      cwd: options.cwd,
      env: options.env ? { ...process.env, ...options.env } : process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
      windowsHide: true,
    });
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const kill = (): void => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      // A program that ignores SIGTERM must not outlive the read.
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
      killTimer.unref();
    };
    const makeParser = (): LogStreamParser =>
      new LogStreamParser({
        source: label,
        time,
        spec: options.format,
        firstLine: 1,
        onEntry: (entry, at) => {
          if (at !== undefined) {
            if (at < latest - collector.tolerance) disordered = true;
            else if (at > latest) latest = at;
            if (at > stopAt && !disordered && options.stopAfterWindow !== false && !stoppedAfterWindow) {
              stoppedAfterWindow = true;
              kill();
            }
          }
          collector.add(entry, at);
        },
      });
    const out = makeParser();
    const err = options.parseStderr ? makeParser() : undefined;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs ?? 30_000);
    const onAbort = (): void => {
      kill();
      settle(() => reject(new SourceError('cancelled', 'Cancelled.')));
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      fn();
    };

    child.stdout.on('data', (chunk: Buffer) => {
      bytesRead += chunk.length;
      if (!stoppedAfterWindow) out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL);
      if (err && !stoppedAfterWindow) err.push(chunk);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      settle(() =>
        resolve(
          finish(
            e.code === 'ENOENT'
              ? new SourceError('toolMissing', `${program} was not found. Install it or check the PATH.`, undefined, e.message)
              : new SourceError('failed', `${program} could not be started: ${e.message}`, undefined, e.message),
          ),
        ),
      );
    });
    child.on('close', (code, signal) => {
      if (killTimer) clearTimeout(killTimer);
      settle(() => {
        out.end();
        err?.end();
        if (stoppedAfterWindow) resolve(finish(undefined));
        else if (timedOut) resolve(finish(new SourceError('timeout', `${program} took longer than ${Math.round((options.timeoutMs ?? 30_000) / 1000)} s; showing what it printed until then.`, undefined, stderrTail)));
        else if (code === 0) resolve(finish(undefined));
        else {
          const why = lastLine(stderrTail) || (signal ? `killed by ${signal}` : `exit code ${code}`);
          resolve(finish(new SourceError('failed', `${program} failed: ${why}`, undefined, stderrTail)));
        }
      });
    });

    function finish(error: SourceError | undefined): LogReadResult {
      const parsers = err ? [out, err] : [out];
      return collector.result({
        format: out.format ?? (options.format ? { ...options.format, detected: false } : undefined),
        reads: [{ name: label, mode: 'stream', reason: stoppedAfterWindow ? 'stopped after the window' : undefined, compressed: false, bytesRead }],
        warnings: [...time.warnings, ...(error ? [] : stderrWarning(stderrTail))],
        lines: parsers.reduce((n, p) => n + p.lines, 0),
        truncatedLines: parsers.reduce((n, p) => n + p.truncatedLines, 0),
        error,
      });
    }
  });
}

function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines[lines.length - 1] ?? '';
}

/** A command that succeeded but complained is worth a line in the log. */
function stderrWarning(tail: string): string[] {
  const l = lastLine(tail);
  return l ? [`stderr: ${l.slice(0, 500)}`] : [];
}
