import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitRepository } from '../../../src/sources/git/repository';
import { GitLogParser, RECORD_MARKER } from '../../../src/sources/git/logParser';
import { createRiskClassifier } from '../../../src/core/changes/risk';
import type { Commit } from '../../../src/core/model/changes';
import { GitFixture, HOUR, MIN } from '../helpers/gitFixture';

const classify = createRiskClassifier();

describe('git log reading (real git)', () => {
  let fx: GitFixture;
  const now = Date.now();
  const window = { start: now - 24 * HOUR, end: now + MIN, label: 'last 24 h' };

  beforeEach(() => {
    fx = new GitFixture();
  });
  afterEach(() => fx.remove());

  it('reads commits of the window with their files, statuses and renames', async () => {
    fx.commit(now - 48 * HOUR, 'old commit outside the window', { 'src/a.ts': 'a\n', 'src/old-name.ts': 'x\n'.repeat(20) });
    fx.git('mv', 'src/old-name.ts', 'src/new-name.ts');
    fx.commit(now - 2 * HOUR, 'rename and add', { 'config/flags.yml': 'checkout_v2: true\n' });
    fs.rmSync(path.join(fx.root, 'src/a.ts'));
    fx.commit(now - HOUR, 'delete a', {});
    const repo = await GitRepository.open(fx.root);
    const { commits } = await repo.readCommits({ window, branches: 'current', classify });
    assert.deepEqual(commits.map((c) => c.subject), ['delete a', 'rename and add']);
    const [del, ren] = commits;
    assert.deepEqual(del.files.map((f) => [f.status, f.path]), [['deleted', 'src/a.ts']]);
    const renamed = ren.files.find((f) => f.status === 'renamed');
    assert.ok(renamed, 'a rename is reported');
    assert.equal(renamed.oldPath, 'src/old-name.ts');
    assert.equal(renamed.path, 'src/new-name.ts');
    const flags = ren.files.find((f) => f.path === 'config/flags.yml');
    assert.deepEqual(flags?.risks, ['flags', 'config']);
    assert.equal(flags?.status, 'added');
    assert.match(flags!.newBlob, /^[0-9a-f]{40}$/);
    assert.equal(ren.authorName, 'Test Author');
    assert.ok(Math.abs(ren.commitTime - (now - 2 * HOUR)) < 1000);
  });

  it('is not confused by hostile subjects, bodies and file names', async () => {
    const names = ['with space.txt', 'quote"d\'.txt', 'new\nline.txt', 'unicode-ü-日本.txt', '-dash-first.txt'];
    const files: Record<string, string> = {};
    for (const n of names) files[n] = 'x\n';
    const hostile = `<img src=x onerror=alert(1)> ${RECORD_MARKER} \u0007bell $(rm -rf /)`;
    fx.commit(now - 30 * MIN, `${hostile}\n\nbody with ${RECORD_MARKER} and <script>alert(1)</script>\nsecond line`, files);
    // A file name that is not valid UTF-8.
    fx.write(Buffer.from(path.join(fx.root, 'latin1-\xe9.txt'), 'latin1'), 'y\n');
    fx.commit(now - 20 * MIN, 'non-utf8 name');
    const repo = await GitRepository.open(fx.root);
    const { commits, warnings } = await repo.readCommits({ window, branches: 'current', classify });
    assert.equal(commits.length, 2);
    assert.equal(commits[1].subject, hostile);
    assert.match(commits[1].body, /second line/);
    assert.deepEqual(commits[1].files.map((f) => f.path).sort(), [...names].sort());
    assert.equal(commits[0].files.length, 1);
    assert.match(commits[0].files[0].path, /^latin1-.+\.txt$/);
    assert.deepEqual(warnings.filter((w) => !/^warning:/.test(w)), []);
    // The blob is readable by id whatever the name's encoding.
    const bytes = await repo.blob(commits[0].files[0].newBlob);
    assert.equal(bytes.toString(), 'y\n');
  });

  it('collapses a 10,000-file commit to a capped list with the full count', async function () {
    this.timeout(20_000);
    fx.commit(now - 20 * MIN, 'start', { 'a.txt': 'a' });
    const files: Record<string, string> = {};
    for (let i = 0; i < 10_000; i++) files[`gen/f${i}.txt`] = `${i}\n`;
    fx.importCommit(now - 10 * MIN, 'huge commit', files);
    const repo = await GitRepository.open(fx.root);
    const { commits } = await repo.readCommits({ window, branches: 'current', classify, maxFilesPerCommit: 300 });
    assert.equal(commits[0].filesTotal, 10_000);
    assert.equal(commits[0].files.length, 300);
  });

  it('handles binary files, an empty repository and a path filter', async () => {
    const empty = new GitFixture();
    try {
      const e = await GitRepository.open(empty.root);
      assert.equal(e.info.hasHead, false);
    } finally {
      empty.remove();
    }
    fx.write('img.bin', Buffer.from([0, 1, 2, 0, 255]));
    fx.commit(now - 50 * MIN, 'binary', {});
    fx.commit(now - 40 * MIN, 'docs', { 'docs/readme.md': 'hi\n' });
    const repo = await GitRepository.open(fx.root);
    const all = await repo.readCommits({ window, branches: 'current', classify });
    assert.equal(all.commits.length, 2);
    const onlyDocs = await repo.readCommits({ window, branches: 'current', classify, paths: ['docs'] });
    assert.deepEqual(onlyDocs.commits.map((c) => c.subject), ['docs']);
  });

  it('opens from a subfolder and reports a shallow clone', async () => {
    fx.commit(now - 3 * HOUR, 'one', { 'a/b/c.txt': '1\n' });
    fx.commit(now - 2 * HOUR, 'two', { 'a/b/c.txt': '2\n' });
    const sub = await GitRepository.open(path.join(fx.root, 'a', 'b'));
    assert.equal(fs.realpathSync(sub.root), fs.realpathSync(fx.root));
    assert.equal(sub.info.shallow, false);
    const cloneDir = `${fx.root}-shallow`;
    try {
      fx.git('clone', '-q', '--depth', '1', `file://${fx.root}`, cloneDir);
      const shallow = await GitRepository.open(cloneDir);
      assert.equal(shallow.info.shallow, true);
    } finally {
      fs.rmSync(cloneDir, { recursive: true, force: true });
    }
  });

  it('reports a folder that is not a repository, and cancellation', async () => {
    const plain = fs.mkdtempSync(path.join(fx.root, '..', 'idesk-plain-'));
    try {
      await assert.rejects(GitRepository.open(plain), (e: Error & { kind?: string }) => e.kind === 'notARepository');
    } finally {
      fs.rmSync(plain, { recursive: true, force: true });
    }
    fx.commit(now - HOUR, 'x', { 'x.txt': 'x' });
    const repo = await GitRepository.open(fx.root);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(repo.readCommits({ window, branches: 'current', classify, signal: controller.signal }), (e: Error & { kind?: string }) => e.kind === 'cancelled');
  });

  it('keeps reading when git prints warnings, and reports them', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 4; i++) files[`src/f${i}.ts`] = `export const v${i} = ${i};\n`.repeat(20);
    fx.commit(now - 3 * HOUR, 'base', files);
    fs.mkdirSync(path.join(fx.root, 'lib'));
    for (let i = 0; i < 4; i++) fx.git('mv', `src/f${i}.ts`, `lib/g${i}.ts`);
    for (let i = 0; i < 4; i++) fx.write(`lib/g${i}.ts`, `export const v${i} = ${i};\n`.repeat(19) + 'changed\n');
    fx.commit(now - 2 * HOUR, 'move everything', {});
    fx.git('config', 'diff.renameLimit', '1');
    const repo = await GitRepository.open(fx.root);
    const { commits, warnings } = await repo.readCommits({ window, branches: 'current', classify });
    assert.equal(commits.length, 2);
    assert.ok(commits[0].files.length >= 4);
    assert.ok(warnings.some((w) => /rename/i.test(w)), `git's warning is passed on: ${JSON.stringify(warnings)}`);
  });

  it('finds deploy tags (annotated and lightweight) by pattern, newest first', async () => {
    const a = fx.commit(now - 5 * HOUR, 'a', { 'a.txt': 'a' });
    fx.gitAt(now - 4 * HOUR, 'tag', '-a', 'deploy-1', '-m', 'deploy one', a);
    const b = fx.commit(now - 3 * HOUR, 'b', { 'b.txt': 'b' });
    fx.gitAt(now - 3 * HOUR, 'tag', 'v1.2.0', b);
    fx.gitAt(now - 3 * HOUR, 'tag', 'not-a-deploy', b);
    const repo = await GitRepository.open(fx.root);
    const tags = await repo.deployTags(['v*', 'deploy-*']);
    assert.deepEqual(tags.map((t) => [t.tag, t.sha]), [['v1.2.0', b], ['deploy-1', a]]);
    assert.ok(Math.abs(tags[1].time - (now - 4 * HOUR)) < 1000, 'annotated tag time is the tagger date');
  });
});

describe('diff between two commits (real git)', () => {
  it('lists what a merge changed against its first parent, renames included', async () => {
    const fx = new GitFixture();
    try {
      const now = Date.now();
      const base = fx.commit(now - 3 * HOUR, 'base', { 'src/a.ts': 'a\n'.repeat(30), 'docs/x.md': 'x\n' });
      fx.git('checkout', '-q', '-b', 'feature');
      fx.git('mv', 'src/a.ts', 'src/b.ts');
      fx.commit(now - 2 * HOUR, 'rename', { 'package.json': '{}\n' });
      fx.git('checkout', '-q', 'main');
      fx.gitAt(now - HOUR, 'merge', '-q', '--no-ff', 'feature', '-m', 'Merge pull request #7 from o/feature');
      const merge = fx.git('rev-parse', 'HEAD').trim();
      const repo = await GitRepository.open(fx.root);
      const { files, total } = await repo.diffFiles(base, merge, classify);
      assert.equal(total, 2);
      assert.deepEqual(files.map((f) => [f.status, f.oldPath, f.path, f.risks]).sort(), [
        ['added', undefined, 'package.json', ['dependency']],
        ['renamed', 'src/a.ts', 'src/b.ts', []],
      ]);
    } finally {
      fx.remove();
    }
  });
});

describe('GitLogParser', () => {
  it('parses a stream split at every byte boundary the same as whole', () => {
    const rec = (sha: string, subject: string, files: string): string =>
      [RECORD_MARKER, sha, '', 'Ann', 'a@x', '100', '200', subject, 'body', ''].join('\0') + files;
    const blob = 'a'.repeat(40);
    const text = rec('1'.repeat(40), 'first', `\n:100644 100644 ${blob} ${blob} M\0x.txt\0:100644 100644 ${blob} ${blob} R090\0old.txt\0new.txt\0`) + rec('2'.repeat(40), 'second', '');
    const whole: Commit[] = [];
    const p1 = new GitLogParser({ classify, maxFilesPerCommit: 10, onCommit: (c) => whole.push(c) });
    p1.push(Buffer.from(text));
    p1.end();
    assert.equal(whole.length, 2);
    assert.deepEqual(whole[0].files.map((f) => [f.status, f.oldPath, f.path]), [['modified', undefined, 'x.txt'], ['renamed', 'old.txt', 'new.txt']]);
    const buf = Buffer.from(text);
    for (let cut = 1; cut < buf.length; cut += 7) {
      const parts: Commit[] = [];
      const p = new GitLogParser({ classify, maxFilesPerCommit: 10, onCommit: (c) => parts.push(c) });
      p.push(buf.subarray(0, cut));
      p.push(buf.subarray(cut));
      p.end();
      assert.deepEqual(parts, whole, `cut at ${cut}`);
    }
  });
});
