/**
 * The few git operations incidents need: who is writing (user.name) and committing exactly the
 * incident file and its postmortem. execFile with argument arrays, never a shell; pathspecs are
 * literal, so a file name is never read as a pattern. No `vscode` import: unit tested on real
 * repositories.
 */

import { execFile } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isInside, isMissingIdentity } from '../../core/timeline/incidentText';

export type GitFailureKind = 'noGit' | 'notARepository' | 'identity' | 'nothingToCommit' | 'failed';

export class GitFailure extends Error {
  constructor(
    readonly kind: GitFailureKind,
    message: string,
    readonly detail = '',
  ) {
    super(message);
    this.name = 'GitFailure';
  }
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runGitCommand(args: readonly string[], cwd: string, timeoutMs = 30_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...args],
      {
        cwd,
        timeout: timeoutMs,
        maxBuffer: 32 * 1024 * 1024,
        windowsHide: true,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_LITERAL_PATHSPECS: '1', LC_ALL: 'C' },
      },
      (error, stdout, stderr) => {
        const err = error as (NodeJS.ErrnoException & { code?: number | string }) | null;
        if (err && typeof err.code === 'string') {
          reject(
            err.code === 'ENOENT'
              ? new GitFailure('noGit', 'Git was not found. Install git and make sure it is on the PATH.')
              : new GitFailure('failed', `git could not be started: ${err.message}`),
          );
          return;
        }
        resolve({ code: err ? Number(err.code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** Throws a GitFailure that says what went wrong in words a person can act on. */
function check(result: RunResult, what: string): RunResult {
  if (result.code === 0) return result;
  const stderr = result.stderr.trim();
  if (/not a git repository/i.test(stderr)) {
    throw new GitFailure('notARepository', 'The incidents folder is not inside a git repository, so there is nothing to commit to.', stderr);
  }
  if (isMissingIdentity(stderr)) {
    throw new GitFailure(
      'identity',
      'git does not know who you are, so it refused to commit. Set your name and email in a terminal: ' +
        'git config --global user.name "Your Name" and git config --global user.email you@example.com, then try again.',
      stderr,
    );
  }
  const first = stderr.split('\n').find((l) => l.trim() && !/^(warning|hint):/i.test(l.trim()))?.trim();
  throw new GitFailure('failed', `git ${what} failed: ${first || `exit code ${result.code}`}`, stderr);
}

let cachedName: { cwd: string; at: number; value: Promise<string> } | undefined;

/** git `user.name` as seen from `cwd`, else the login name; cached for a minute. */
export function authorName(cwd: string | undefined): Promise<string> {
  const dir = cwd ?? os.homedir();
  if (cachedName && cachedName.cwd === dir && Date.now() - cachedName.at < 60_000) return cachedName.value;
  const value = runGitCommand(['config', 'user.name'], dir, 10_000)
    .then((r) => (r.code === 0 ? r.stdout.trim() : ''))
    .catch(() => '')
    .then((name) => name || loginName());
  cachedName = { cwd: dir, at: Date.now(), value };
  return value;
}

/** Forgets the cached author name (after the user changed it, and in tests). */
export function forgetAuthorName(): void {
  cachedName = undefined;
}

function loginName(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function repositoryRoot(dir: string): Promise<string> {
  const r = check(await runGitCommand(['rev-parse', '--show-toplevel'], dir), 'rev-parse');
  return r.stdout.trim();
}

export interface CommitResult {
  root: string;
  sha: string;
  subject: string;
  paths: string[];
}

/**
 * Commits exactly `files` (absolute paths in one repository) with `message`. Anything else the
 * user has staged stays staged and out of this commit (`git commit --only -- <paths>`); work in
 * other files is not touched.
 */
export async function commitFiles(files: readonly string[], message: string): Promise<CommitResult> {
  if (files.length === 0) throw new GitFailure('nothingToCommit', 'There are no files to commit.');
  const dir = path.dirname(files[0]!);
  const root = await fsp.realpath(await repositoryRoot(dir));
  const rels: string[] = [];
  for (const file of files) {
    const real = await fsp.realpath(file);
    if (!isInside(root, real)) throw new GitFailure('failed', `${path.basename(file)} is not inside the repository at ${root}.`);
    rels.push(path.relative(root, real).split(path.sep).join('/'));
  }
  check(await runGitCommand(['add', '--', ...rels], root), 'add');
  const staged = await runGitCommand(['diff', '--cached', '--quiet', '--', ...rels], root);
  if (staged.code === 0) {
    throw new GitFailure('nothingToCommit', 'Nothing to commit: the incident file and its postmortem are already committed as they are.');
  }
  if (staged.code !== 1) check(staged, 'diff');
  check(await runGitCommand(['commit', '--quiet', '--only', '-m', message, '--', ...rels], root, 120_000), 'commit');
  const head = check(await runGitCommand(['log', '-1', '--format=%H%x00%s'], root), 'log');
  const [sha = '', subject = ''] = head.stdout.trim().split('\0');
  return { root, sha, subject, paths: rels };
}

/** `git show --stat --patch` of a commit, for a read-only document. */
export async function showCommit(root: string, sha: string): Promise<string> {
  if (!/^[0-9a-f]{4,64}$/i.test(sha)) throw new GitFailure('failed', `'${sha}' is not a commit id.`);
  const r = check(await runGitCommand(['show', '--stat', '--patch', '--format=fuller', '--no-color', sha, '--'], root), 'show');
  return r.stdout;
}
