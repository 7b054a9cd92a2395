import picomatch from 'picomatch';
import type { Commit, DeployMarker, FileChange, TimeWindow } from '../../core/model/changes';
import type { RiskClassifier } from '../../core/changes/risk';
import { SourceError } from '../../core/errors';
import { GitLogParser, LOG_ARGS, parseRawDiff } from './logParser';
import { runGit } from './gitRunner';

export interface RepositoryInfo {
  root: string;
  shallow: boolean;
  /** False for a repository with no commit yet. */
  hasHead: boolean;
  headSha?: string;
  /** Branch name, or undefined on a detached HEAD. */
  headBranch?: string;
}

export interface BranchTip {
  name: string;
  sha: string;
}

export interface ReadCommitsOptions {
  window: TimeWindow;
  /** 'current': HEAD only; 'pushed': HEAD and every local branch with an upstream. */
  branches: 'current' | 'pushed';
  /** Only commits touching these repository-relative paths. */
  paths?: string[];
  classify: RiskClassifier;
  maxFilesPerCommit?: number;
  signal?: AbortSignal;
}

export interface CommitsResult {
  commits: Commit[];
  branchTips: BranchTip[];
  /** git's warnings and anything odd in its output, for the log. */
  warnings: string[];
}

/** Local git, read with one process per question and never through a shell. */
export class GitRepository {
  private constructor(
    readonly info: RepositoryInfo,
    private readonly gitPath?: string,
  ) {}

  get root(): string {
    return this.info.root;
  }

  /** Finds the repository that holds `folder` (which may be a subfolder of it). */
  static async open(folder: string, signal?: AbortSignal, gitPath?: string): Promise<GitRepository> {
    // One process answers all four questions; in a repository with no commit yet `HEAD` does
    // not resolve (exit 128) after the first two lines are printed.
    const r = await runGit(['rev-parse', '--show-toplevel', '--is-shallow-repository', 'HEAD', '--symbolic-full-name', 'HEAD'], {
      cwd: folder,
      signal,
      gitPath,
      timeoutMs: 15_000,
      okCodes: [128],
    });
    if (r.code !== 0 && /not a git repository/i.test(r.stderr)) {
      throw new SourceError('notARepository', 'This folder is not inside a git repository.', undefined, r.stderr);
    }
    const [root, shallow, head, symbolic] = r.stdout.toString('utf8').split('\n');
    if (!root) throw new SourceError(r.code === 0 ? 'notARepository' : 'failed', r.code === 0 ? 'This folder is not inside a git repository.' : `git rev-parse failed: ${r.stderr.trim()}`);
    const hasHead = r.code === 0 && /^[0-9a-f]{40,64}$/.test(head ?? '');
    return new GitRepository(
      {
        root,
        shallow: shallow === 'true',
        hasHead,
        headSha: hasHead ? head : undefined,
        headBranch: hasHead && symbolic?.startsWith('refs/heads/') ? symbolic.slice('refs/heads/'.length) : undefined,
      },
      gitPath,
    );
  }

  static async init(folder: string, gitPath?: string): Promise<void> {
    await runGit(['init'], { cwd: folder, gitPath, timeoutMs: 15_000 });
  }

  /** The commits of the window, streamed from one `git log` and parsed as they arrive. */
  async readCommits(options: ReadCommitsOptions): Promise<CommitsResult> {
    const branchTips = options.branches === 'pushed' ? await this.pushedBranches(options.signal) : [];
    const commits: Commit[] = [];
    const parser = new GitLogParser({
      classify: options.classify,
      maxFilesPerCommit: options.maxFilesPerCommit ?? 300,
      onCommit: (c) => commits.push(c),
    });
    const since = Math.floor(options.window.start / 1000);
    const until = Math.ceil(options.window.end / 1000);
    const revs = ['HEAD', ...branchTips.map((b) => `refs/heads/${b.name}`)];
    const args = [...LOG_ARGS, `--since=@${since}`, `--until=@${until}`, '--end-of-options', ...revs, '--'];
    if (options.paths?.length) args.push(...options.paths.map((p) => `:(literal)${p}`));
    const result = await runGit(args, { cwd: this.root, signal: options.signal, gitPath: this.gitPath, onStdout: (c) => parser.push(c) });
    parser.end();
    const warnings = [...parser.anomalies, ...result.stderr.split('\n').filter((l) => l.trim())];
    return { commits, branchTips, warnings };
  }

  /** Local branches other than the current one that track an upstream (were pushed). */
  async pushedBranches(signal?: AbortSignal): Promise<BranchTip[]> {
    const r = await runGit(['for-each-ref', '--format=%(refname:short)%00%(upstream)%00%(objectname)', 'refs/heads'], {
      cwd: this.root,
      signal,
      gitPath: this.gitPath,
    });
    const tips: BranchTip[] = [];
    for (const line of r.stdout.toString('utf8').split('\n')) {
      const [name, upstream, sha] = line.split('\0');
      if (name && upstream && sha && name !== this.info.headBranch) tips.push({ name, sha });
    }
    return tips;
  }

  /** Tags whose name matches one of the globs, as deploy markers, newest first. */
  async deployTags(patterns: readonly string[], signal?: AbortSignal): Promise<DeployMarker[]> {
    if (patterns.length === 0) return [];
    const isDeploy = picomatch([...patterns]);
    const r = await runGit(
      ['for-each-ref', '--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)%00%(creatordate:unix)%00%(*objecttype)%00%(objecttype)', 'refs/tags'],
      { cwd: this.root, signal, gitPath: this.gitPath },
    );
    const markers: DeployMarker[] = [];
    for (const line of r.stdout.toString('utf8').split('\n')) {
      const [tag, object, peeled, date, peeledType, type] = line.split('\0');
      if (!tag || !isDeploy(tag)) continue;
      const sha = peeled || object;
      if ((peeled ? peeledType : type) !== 'commit') continue;
      markers.push({ tag, sha, time: Number(date) * 1000 });
    }
    return markers.sort((a, b) => b.time - a.time);
  }

  /** Files changed between two commits (a merge against its first parent: what a PR changed). */
  async diffFiles(from: string, to: string, classify: RiskClassifier, signal?: AbortSignal, max = 300): Promise<{ files: FileChange[]; total: number }> {
    const r = await runGit(['diff-tree', '-r', '-z', '--raw', '--no-abbrev', '-M', '--no-commit-id', '--end-of-options', from, to], {
      cwd: this.root,
      signal,
      gitPath: this.gitPath,
    });
    return parseRawDiff(r.stdout.toString('utf8'), classify, max);
  }

  async commitMessage(sha: string, signal?: AbortSignal): Promise<string> {
    const r = await runGit(['show', '-s', '--format=%B', '--end-of-options', sha], { cwd: this.root, signal, gitPath: this.gitPath });
    return r.stdout.toString('utf8').trimEnd();
  }

  /** The bytes of a blob, by id: works for any file name, whatever its encoding. */
  async blob(id: string, signal?: AbortSignal): Promise<Buffer> {
    if (!/^[0-9a-f]{40,64}$/.test(id)) throw new SourceError('failed', `Not a blob id: ${id.slice(0, 80)}`);
    const r = await runGit(['cat-file', 'blob', id], { cwd: this.root, signal, gitPath: this.gitPath });
    return r.stdout;
  }

  /** The fetch URL of `origin`, or of the first remote. */
  async remoteUrl(signal?: AbortSignal): Promise<string | undefined> {
    const r = await runGit(['remote', '-v'], { cwd: this.root, signal, gitPath: this.gitPath });
    const lines = r.stdout.toString('utf8').split('\n').filter((l) => l.endsWith('(fetch)'));
    const pick = lines.find((l) => l.startsWith('origin\t')) ?? lines[0];
    return pick?.split('\t')[1]?.replace(/\s+\(fetch\)$/, '');
  }
}
