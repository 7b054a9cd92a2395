/**
 * The demo's history as the services would report it: read from the demo repository when one is
 * given (so remote shas match local commits and deduplicate), invented relative to now otherwise.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fakeSha } from './githubReplay';

export interface DemoDeploy {
  name: string;
  time: number;
  sha: string;
}

export interface DemoMerge {
  number: number;
  sha: string;
  time: number;
  title: string;
  login: string;
  branch: string;
}

export interface DemoCommit {
  sha: string;
  time: number;
  authorTime: number;
  author: string;
  email: string;
  subject: string;
  body: string;
}

export interface DemoFacts {
  repo?: string;
  /** Newest first, everywhere. */
  deploys: DemoDeploy[];
  releases: DemoDeploy[];
  merges: DemoMerge[];
  commits: DemoCommit[];
}

const H = 3_600_000;

function git(repo: string, args: string[]): string {
  return execFileSync('git', ['-c', 'core.quotepath=false', ...args], { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function tags(repo: string, pattern: string): DemoDeploy[] {
  const out = git(repo, ['for-each-ref', '--sort=-creatordate', '--format=%(refname:short)%09%(creatordate:unix)%09%(*objectname)%09%(objectname)', `refs/tags/${pattern}`]);
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name, unix, peeled, object] = line.split('\t');
      return { name, time: Number(unix) * 1000, sha: peeled || object };
    });
}

/** `Maren Okafor` → `maren`: logins for the demo's made-up people. */
const loginOf = (name: string): string => name.split(/\s+/)[0].toLowerCase().replace(/[^a-z0-9-]/g, '');

export function factsFromRepo(repo: string): DemoFacts {
  const log = git(repo, ['log', '--first-parent', '-n', '300', '--format=%H%x1f%ct%x1f%at%x1f%an%x1f%ae%x1f%s%x1f%b%x1e', 'HEAD']);
  const commits: DemoCommit[] = log
    .split('\x1e')
    .map((r) => r.replace(/^\n/, ''))
    .filter(Boolean)
    .map((r) => {
      const [sha, ct, at, author, email, subject, body] = r.split('\x1f');
      return { sha, time: Number(ct) * 1000, authorTime: Number(at) * 1000, author, email, subject, body: (body ?? '').trim() };
    });
  const merges: DemoMerge[] = [];
  for (const c of commits) {
    const m = /^Merge pull request #(\d+) from [^/\s]+\/(\S+)/.exec(c.subject);
    if (!m) continue;
    merges.push({ number: Number(m[1]), sha: c.sha, time: c.time, title: c.body.split('\n')[0] || c.subject, login: loginOf(c.author), branch: m[2] });
  }
  return { repo, deploys: tags(repo, 'deploy-*'), releases: tags(repo, 'v*'), merges, commits };
}

/** The same story without a repository: PR #226 merged 48 min ago, deployed 30 min ago. */
export function syntheticFacts(now: number): DemoFacts {
  const merges: DemoMerge[] = [
    { number: 226, time: now - 0.8 * H, title: 'Refactor order metadata builder', login: 'tomasz', branch: 'refactor/order-meta', sha: fakeSha('demo-226') },
    { number: 225, time: now - 10.1 * H, title: 'Run lint and tests as separate CI jobs', login: 'tomasz', branch: 'ci/split-jobs', sha: fakeSha('demo-225') },
    { number: 224, time: now - 19.1 * H, title: 'Flag for checkout v2 pricing', login: 'maren', branch: 'feat/checkout-v2-flag', sha: fakeSha('demo-224') },
    { number: 222, time: now - 28.6 * H, title: 'Audit events for order creation', login: 'lena', branch: 'feat/audit-log', sha: fakeSha('demo-222') },
  ];
  const deployAt = (hoursAgo: number): DemoDeploy => {
    const time = now - hoursAgo * H;
    return { name: `deploy-${new Date(time).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')}`, time, sha: fakeSha(`demo-deploy-${hoursAgo}`) };
  };
  const deploys = [deployAt(0.5), deployAt(5), deployAt(13.1), deployAt(25)];
  deploys[0].sha = merges[0].sha;
  const commits: DemoCommit[] = merges.map((m) => ({
    sha: m.sha,
    time: m.time,
    authorTime: m.time,
    author: m.login,
    email: `${m.login}@example.com`,
    subject: `Merge pull request #${m.number} from acme-demo/${m.branch}`,
    body: m.title,
  }));
  return { deploys, releases: [{ name: 'v1.5.0', time: now - 24.9 * H, sha: fakeSha('demo-v1.5.0') }], merges, commits };
}

/** Source lines around `line` from the demo repository, as Sentry would have captured them. */
export function contextLines(facts: DemoFacts, file: string, line: number, fallback: string): [number, string][] {
  if (facts.repo) {
    try {
      const lines = fs.readFileSync(path.join(facts.repo, file), 'utf8').split('\n');
      const out: [number, string][] = [];
      for (let n = Math.max(1, line - 5); n <= Math.min(lines.length, line + 5); n++) out.push([n, lines[n - 1]]);
      if (out.length) return out;
    } catch {
      // The file moved in this version of the demo: the fallback line still reads right.
    }
  }
  return [[line, fallback]];
}

/** Commits and changed files between two revisions of the demo repository, as GitHub's compare says. */
export function compareInRepo(repo: string, base: string, head: string): { commits: DemoCommit[]; files: { status: string; path: string; previous?: string; additions: number; deletions: number }[] } | undefined {
  // Refs come from a request URL: nothing that git could read as an option or a range.
  if (![base, head].every((r) => /^\w[\w./@^~-]*$/.test(r) && !r.includes('..'))) return undefined;
  try {
    const range = `${base}..${head}`;
    const log = git(repo, ['log', '--reverse', '--format=%H%x1f%ct%x1f%at%x1f%an%x1f%ae%x1f%s%x1f%b%x1e', range]);
    const commits = log
      .split('\x1e')
      .map((r) => r.replace(/^\n/, ''))
      .filter(Boolean)
      .map((r) => {
        const [sha, ct, at, author, email, subject, body] = r.split('\x1f');
        return { sha, time: Number(ct) * 1000, authorTime: Number(at) * 1000, author, email, subject, body: (body ?? '').trim() };
      });
    const numstat = git(repo, ['diff', '--numstat', '-M', `${base}...${head}`]).split('\n').filter(Boolean);
    const status = git(repo, ['diff', '--name-status', '-M', `${base}...${head}`]).split('\n').filter(Boolean);
    const files = status.map((line, i) => {
      const [code, a, b] = line.split('\t');
      const [add, del] = (numstat[i] ?? '0\t0').split('\t');
      const kind = code.startsWith('R') ? 'renamed' : code === 'A' ? 'added' : code === 'D' ? 'removed' : 'modified';
      return { status: kind, path: b ?? a, previous: b ? a : undefined, additions: Number(add) || 0, deletions: Number(del) || 0 };
    });
    return { commits, files };
  } catch {
    return undefined;
  }
}

/** A file's bytes at a revision of the demo repository, as GitHub's contents API sends them raw. */
export function fileInRepo(repo: string, ref: string, file: string): Buffer | undefined {
  if (!/^\w[\w./@^~-]*$/.test(ref) || ref.includes('..') || file.startsWith('-') || file.split('/').includes('..')) return undefined;
  try {
    if (git(repo, ['cat-file', '-t', `${ref}:${file}`]).trim() !== 'blob') return undefined;
    return execFileSync('git', ['cat-file', 'blob', `${ref}:${file}`], { cwd: repo, maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}
