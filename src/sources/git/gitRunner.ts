import { spawn } from 'node:child_process';
import { SourceError } from '../../core/errors';

export interface GitRunOptions {
  cwd: string;
  signal?: AbortSignal;
  /** Called with each stdout chunk; when given, stdout is not collected. */
  onStdout?: (chunk: Buffer) => void;
  /** Exit codes that are not failures (e.g. 1 for `rev-parse --verify -q`). */
  okCodes?: number[];
  timeoutMs?: number;
  gitPath?: string;
}

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

const STDERR_CAP = 16 * 1024;

/**
 * Runs git with an argument array (never through a shell). Paths and revisions are passed as
 * separate arguments, so nothing from a commit, a tag or a file name is ever interpreted.
 */
export function runGit(args: readonly string[], options: GitRunOptions): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new SourceError('cancelled', 'Cancelled.'));
      return;
    }
    const child = spawn(options.gitPath ?? 'git', ['-c', 'core.quotepath=false', '-c', 'color.ui=false', ...args], {
      cwd: options.cwd,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const out: Buffer[] = [];
    let stderr = '';
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = (): void => {
      child.kill();
      finish(() => reject(new SourceError('cancelled', 'Cancelled.')));
    };
    const timer = options.timeoutMs
      ? setTimeout(() => {
          child.kill();
          finish(() => reject(new SourceError('timeout', `git ${args[0]} took longer than ${Math.round(options.timeoutMs! / 1000)} s.`)));
        }, options.timeoutMs)
      : undefined;
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      if (options.onStdout) {
        try {
          options.onStdout(chunk);
        } catch (e) {
          child.kill();
          finish(() => reject(e));
        }
      } else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_CAP) stderr += chunk.toString('utf8');
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      finish(() =>
        reject(
          err.code === 'ENOENT'
            ? new SourceError('toolMissing', 'Git was not found. Install git and make sure it is on the PATH.', undefined, err.message)
            : new SourceError('failed', `git could not be started: ${err.message}`),
        ),
      );
    });
    child.on('close', (code) => {
      finish(() => {
        const exit = code ?? -1;
        if (exit === 0 || options.okCodes?.includes(exit)) resolve({ code: exit, stdout: Buffer.concat(out), stderr });
        else if (/not a git repository/i.test(stderr)) reject(new SourceError('notARepository', 'This folder is not inside a git repository.', undefined, stderr));
        else reject(new SourceError('failed', `git ${args[0]} failed: ${firstLine(stderr) || `exit code ${exit}`}`, undefined, stderr));
      });
    });
  });
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() && !/^warning:/i.test(l))?.trim() ?? '';
}
