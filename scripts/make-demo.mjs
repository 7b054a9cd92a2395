#!/usr/bin/env node
// Generates the demo incident workspace: "checkout-service", a small order checkout API with
// about five days of git history ending now, deploy tags, merged pull requests, and one bad
// change deployed about 30 minutes ago (see scripts/demo-content/history.mjs).
//
//   node scripts/make-demo.mjs <targetDir>
//
// Only the time base varies between runs; everything else is deterministic. The target is
// replaced only if an earlier run created it (marker file .incident-desk-demo).
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUTHORS, HISTORY, PUSHED_BRANCHES } from './demo-content/history.mjs';
import { renderLock } from './demo-content/lockfile.mjs';
import { mulberry32, stamp } from './lib/generate.mjs';
import { writeDemoIncident } from './demo-incident.mjs';
import { writeDemoLogs } from './demo-logs.mjs';

const CONTENT = join(dirname(fileURLToPath(import.meta.url)), 'demo-content');
/** The runbooks the extension ships: the demo team keeps them in docs/runbooks/. */
const SHIPPED_RUNBOOKS = join(dirname(fileURLToPath(import.meta.url)), '..', 'runbooks');
const MARKER = '.incident-desk-demo';
const ORG = 'acme-demo';
const REMOTE_URL = `https://github.com/${ORG}/checkout-service.git`;

function main(argv) {
  const args = argv.filter((a) => !a.startsWith('-'));
  const help = argv.includes('-h') || argv.includes('--help');
  if (help || args.length !== 1) {
    console.error('usage: node scripts/make-demo.mjs <targetDir>');
    process.exit(help ? 0 : 2);
  }
  const started = Date.now();
  const target = resolve(args[0]);
  try {
    prepareTarget(target);
  } catch (err) {
    console.error(`make-demo: ${err.message}`);
    process.exit(1);
  }
  const repo = new DemoRepo(target, Math.floor(started / 1000));
  repo.build();
  const incident = writeDemoIncident(target, started);
  const logs = writeDemoLogs(target, started);
  const summary = repo.summary();
  console.log(target);
  console.log(`checkout-service demo: ${summary.commits} commits, ${summary.deployTags} deploy tags, ` +
    `releases ${summary.releases.join(', ')}, branches ${summary.branches.join(', ')}` +
    `; half-written incident ${incident}; service log ${logs.file} (${logs.lines} lines) ` +
    `(built in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** Creates an empty target, replacing it only when an earlier run of this script made it. */
function prepareTarget(target) {
  if (existsSync(target)) {
    const stat = lstatSync(target);
    if (!stat.isDirectory() || stat.isSymbolicLink()) {
      throw new Error(`${target} exists and is not a directory; refusing to touch it`);
    }
    const entries = readdirSync(target);
    if (entries.length > 0 && !entries.includes(MARKER)) {
      throw new Error(`${target} exists and was not created by make-demo (no ${MARKER} file); ` +
        'refusing to delete it. Choose another folder or remove it yourself.');
    }
    rmSync(target, { recursive: true, force: true });
  }
  mkdirSync(target, { recursive: true });
  // Written first, so that a run that fails half-way can still be replaced by the next one.
  writeFileSync(join(target, MARKER),
    'Created by scripts/make-demo.mjs (Incident Desk). The next run of the script deletes and\n' +
    'recreates this folder; it refuses to touch folders without this file.\n');
}

class DemoRepo {
  constructor(dir, nowSec) {
    this.dir = dir;
    this.nowSec = nowSec;
    this.random = mulberry32(0x1dd35c);
    this.current = 'main';
    this.tags = [];
    this.env = cleanGitEnv();
  }

  git(args, extraEnv = {}) {
    return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', '-c', 'gc.auto=0', ...args], {
      cwd: this.dir,
      env: { ...this.env, ...extraEnv },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  }

  build() {
    this.git(['init', '-q', '-b', 'main']);
    writeFileSync(join(this.dir, '.git', 'info', 'exclude'), `# make-demo marker, not part of the demo\n/${MARKER}\n`);
    const laterAdds = new Set(HISTORY.flatMap((s) => (Array.isArray(s.add) ? s.add : [])));
    const importFiles = listFiles(join(CONTENT, 'tree')).filter((p) => !laterAdds.has(p));
    for (const step of HISTORY) this.apply(step, importFiles);
    this.checkout('main');
    this.setUpRemote();
  }

  apply(step, importFiles) {
    if (step.branchFrom) {
      this.git(['branch', step.name, step.branchFrom]);
    } else if (step.merge) {
      this.merge(step);
    } else if (step.deploy) {
      const when = this.timeOf(step.at);
      const sha = this.git(['rev-parse', 'main']);
      this.tag(`deploy-${stamp(when)}`, `Deployed to production\n\nimage: registry.example.com/${ORG}/checkout-service:${sha}\n` +
        'rollout: 6/6 pods ready', when, AUTHORS.deploybot);
    } else if (step.release) {
      this.tag(step.release, `Release ${step.release.slice(1)}`, this.timeOf(step.at), AUTHORS[step.by]);
    } else {
      this.commit(step, importFiles);
    }
  }

  commit(step, importFiles) {
    this.checkout(step.branch);
    const touched = new Set();
    const adds = step.add === 'IMPORT' ? importFiles : step.add ?? [];
    for (const p of adds) this.write(p, readFileSync(join(CONTENT, 'tree', p), 'utf8'), touched);
    if (step.add === 'IMPORT') {
      for (const name of readdirSync(SHIPPED_RUNBOOKS).filter((n) => n.endsWith('.md')).sort()) {
        this.write(`docs/runbooks/${name}`, readFileSync(join(SHIPPED_RUNBOOKS, name), 'utf8'), touched);
      }
    }
    if (step.version) {
      const dir = join(CONTENT, 'versions', step.version);
      for (const p of listFiles(dir)) this.write(p, readFileSync(join(dir, p), 'utf8'), touched);
    }
    for (const [p, edits] of Object.entries(step.edit ?? {})) {
      let text = this.read(p);
      for (const [from, to, mode] of edits) text = replaceChecked(text, from, to, mode === 'all', `${p} in "${step.msg}"`);
      this.write(p, text, touched);
    }
    for (const [p, extra] of Object.entries(step.append ?? {})) this.write(p, this.read(p) + extra, touched);
    if (touched.has('package.json')) this.write('package-lock.json', renderLock(this.read('package.json')), touched);

    this.git(['add', '-A']);
    const who = AUTHORS[step.by];
    const message = ['-m', step.msg, ...(step.body ? ['-m', step.body] : [])];
    this.git(['commit', '-q', ...message], identityEnv(who, this.timeOf(step.at)));
  }

  merge(step) {
    this.checkout('main');
    const who = AUTHORS[step.by];
    this.git(['merge', '--no-ff', '-q', '-m', `Merge pull request #${step.pr} from ${ORG}/${step.merge}`, '-m', step.title, step.merge],
      identityEnv(who, this.timeOf(step.at)));
    if (!step.keep) this.git(['branch', '-d', '-q', step.merge]);
  }

  tag(name, message, when, who) {
    this.git(['tag', '-a', name, '-m', message, 'main'], identityEnv(who, when));
    this.tags.push(name);
  }

  setUpRemote() {
    this.git(['remote', 'add', 'origin', REMOTE_URL]);
    for (const branch of PUSHED_BRANCHES) {
      this.git(['update-ref', `refs/remotes/origin/${branch}`, this.git(['rev-parse', branch])]);
      this.git(['branch', '-q', `--set-upstream-to=origin/${branch}`, branch]);
    }
    this.git(['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main']);
  }

  checkout(branch) {
    if (this.current !== branch) this.git(['checkout', '-q', branch]);
    this.current = branch;
  }

  read(p) {
    return readFileSync(join(this.dir, repoPath(p)), 'utf8');
  }

  write(p, text, touched) {
    const file = join(this.dir, repoPath(p));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    touched.add(repoPath(p));
  }

  /** Seconds since the epoch, `hoursAgo` before now, with a few seconds of deterministic jitter. */
  timeOf(hoursAgo) {
    return Math.round(this.nowSec - hoursAgo * 3600) - Math.floor(this.random() * 50);
  }

  summary() {
    const branches = this.git(['for-each-ref', '--format=%(refname:short)', 'refs/heads']).split('\n');
    return {
      commits: Number(this.git(['rev-list', '--all', '--count'])),
      deployTags: this.tags.filter((t) => t.startsWith('deploy-')).length,
      releases: this.tags.filter((t) => t.startsWith('v')),
      branches,
    };
  }
}

/** The environment for git with no user or system configuration, so any machine gives the same repo. */
function cleanGitEnv() {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' };
  for (const key of Object.keys(env)) {
    if (/^GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|AUTHOR_|COMMITTER_)/.test(key)) delete env[key];
  }
  return env;
}

function identityEnv(who, epochSec) {
  const date = `${epochSec} ${who.tz}`;
  return {
    GIT_AUTHOR_NAME: who.name, GIT_AUTHOR_EMAIL: who.email, GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: who.name, GIT_COMMITTER_EMAIL: who.email, GIT_COMMITTER_DATE: date,
  };
}

/** tree/ names dotfiles "dot-…" so they do not act on this repository (e.g. a .gitignore). */
function repoPath(p) {
  return p.split('/').map((seg) => (seg.startsWith('dot-') ? `.${seg.slice(4)}` : seg)).join('/');
}

function replaceChecked(text, from, to, all, where) {
  const count = text.split(from).length - 1;
  if (count === 0 || (!all && count > 1)) {
    throw new Error(`demo history is out of sync with its files: ${where}: expected ${all ? 'some' : 'one'} ` +
      `occurrence of ${JSON.stringify(from.slice(0, 60))}, found ${count}`);
  }
  return text.split(from).join(to);
}

function listFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}



main(process.argv.slice(2));
