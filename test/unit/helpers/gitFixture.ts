import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A throwaway repository built with the real git binary, with controlled authors and dates. */
export class GitFixture {
  readonly root: string;

  constructor(prefix = 'idesk-git-') {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    this.git('init', '-q', '-b', 'main');
  }

  git(...args: string[]): string {
    return this.gitAt(Date.now(), ...args);
  }

  gitAt(time: number, ...args: string[]): string {
    const date = `@${Math.floor(time / 1000)} +0000`;
    return execFileSync('git', args, {
      cwd: this.root,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Test Author',
        GIT_AUTHOR_EMAIL: 'author@example.com',
        GIT_COMMITTER_NAME: 'Test Author',
        GIT_COMMITTER_EMAIL: 'author@example.com',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: this.root,
      },
      maxBuffer: 64 * 1024 * 1024,
    });
  }

  write(file: string | Buffer, content: string | Buffer): void {
    const p = Buffer.isBuffer(file) ? file : path.join(this.root, file);
    if (!Buffer.isBuffer(p)) fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }

  /** Writes files and commits them all at `time` with `message`; returns the new SHA. */
  commit(time: number, message: string, files: Record<string, string> = {}, author?: string): string {
    for (const [f, c] of Object.entries(files)) this.write(f, c);
    this.gitAt(time, 'add', '-A');
    const args = ['commit', '-q', '--allow-empty', '-m', message];
    if (author) args.push(`--author=${author}`);
    this.gitAt(time, ...args);
    return this.gitAt(time, 'rev-parse', 'HEAD').trim();
  }

  /**
   * Commits many files at once through `git fast-import` (no work tree writes: fast even for
   * tens of thousands of files). The work tree is not updated.
   */
  importCommit(time: number, message: string, files: Record<string, string>): string {
    const head = this.gitAt(time, 'rev-parse', '--verify', '-q', 'HEAD^{commit}').trim();
    const chunks: Buffer[] = [];
    const data = (text: string): void => {
      const b = Buffer.from(text);
      chunks.push(Buffer.from(`data ${b.length}\n`), b, Buffer.from('\n'));
    };
    chunks.push(Buffer.from(`commit refs/heads/main\ncommitter Test Author <author@example.com> ${Math.floor(time / 1000)} +0000\n`));
    data(message);
    if (head) chunks.push(Buffer.from(`from ${head}\n`));
    for (const [f, c] of Object.entries(files)) {
      chunks.push(Buffer.from(`M 100644 inline ${f}\n`));
      data(c);
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: this.root, input: Buffer.concat(chunks) });
    return this.gitAt(time, 'rev-parse', 'HEAD').trim();
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

export const MIN = 60_000;
export const HOUR = 60 * MIN;
