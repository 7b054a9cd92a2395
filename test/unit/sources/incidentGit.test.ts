import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { authorName, commitFiles, forgetAuthorName, GitFailure } from '../../../src/sources/git/incidentGit';
import { GitFixture } from '../helpers/gitFixture';

/** Runs `fn` with git seeing no global or system configuration (no identity). */
async function withoutGlobalGitConfig<T>(fn: () => Promise<T>): Promise<T> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'idesk-home-'));
  const saved = { ...process.env };
  process.env.HOME = home;
  process.env.XDG_CONFIG_HOME = home;
  process.env.GIT_CONFIG_NOSYSTEM = '1';
  for (const k of ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'EMAIL']) delete process.env[k];
  try {
    return await fn();
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    fs.rmSync(home, { recursive: true, force: true });
  }
}

describe('committing a postmortem with git', function () {
  this.timeout(20_000);
  let repo: GitFixture;
  const incident = (): string => path.join(repo.root, 'incidents', '2026-11-23-x.md');
  const postmortem = (): string => path.join(repo.root, 'incidents', '2026-11-23-x.postmortem.md');

  beforeEach(() => {
    repo = new GitFixture('idesk-incident-git-');
    repo.git('config', 'user.name', 'Dana Ops');
    repo.git('config', 'user.email', 'dana@example.com');
    repo.write('README.md', 'hello\n');
    repo.git('add', 'README.md');
    repo.git('commit', '-q', '-m', 'init');
    repo.write('incidents/2026-11-23-x.md', '---\ntitle: X\n---\n');
    repo.write('incidents/2026-11-23-x.postmortem.md', '# Postmortem: X\n');
  });

  afterEach(() => fs.rmSync(repo.root, { recursive: true, force: true }));

  it('commits only the two files; other staged and unstaged work stays as it was', async () => {
    repo.write('other.txt', 'staged\n');
    repo.git('add', 'other.txt');
    repo.write('README.md', 'hello\nunstaged\n');
    const result = await commitFiles([incident(), postmortem()], 'Postmortem: X (SEV2, 2026-11-23)');
    assert.equal(result.subject, 'Postmortem: X (SEV2, 2026-11-23)');
    assert.equal(repo.git('rev-parse', 'HEAD').trim(), result.sha);
    assert.deepEqual(repo.git('show', '--name-only', '--format=', 'HEAD').trim().split('\n').sort(), ['incidents/2026-11-23-x.md', 'incidents/2026-11-23-x.postmortem.md']);
    assert.equal(repo.git('diff', '--cached', '--name-only').trim(), 'other.txt');
    assert.equal(repo.git('diff', '--name-only').trim(), 'README.md');
    assert.equal(fs.readFileSync(path.join(repo.root, 'README.md'), 'utf8'), 'hello\nunstaged\n');
  });

  it('treats file names literally, never as patterns', async () => {
    repo.write('incidents/[x].md', 'a\n');
    repo.write('incidents/x.md', 'not this one\n');
    await commitFiles([path.join(repo.root, 'incidents', '[x].md')], 'Postmortem: brackets');
    assert.deepEqual(repo.git('show', '--name-only', '--format=', 'HEAD').trim().split('\n'), ['incidents/[x].md']);
  });

  it('says when there is nothing to commit', async () => {
    await commitFiles([incident(), postmortem()], 'first');
    await assert.rejects(commitFiles([incident(), postmortem()], 'again'), (e: GitFailure) => e.kind === 'nothingToCommit' && /Nothing to commit/.test(e.message));
  });

  it('says when the folder is not a git repository', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idesk-norepo-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.md'), 'x');
      await assert.rejects(commitFiles([path.join(dir, 'a.md')], 'm'), (e: GitFailure) => e.kind === 'notARepository');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says how to fix a missing identity', async () => {
    repo.git('config', '--unset', 'user.name');
    repo.git('config', '--unset', 'user.email');
    repo.git('config', 'user.useConfigOnly', 'true');
    await withoutGlobalGitConfig(async () => {
      await assert.rejects(commitFiles([incident()], 'm'), (e: GitFailure) => e.kind === 'identity' && /git config --global user\.name/.test(e.message));
    });
  });

  it('reads the author from git user.name, else the login name', async () => {
    forgetAuthorName();
    assert.equal(await authorName(repo.root), 'Dana Ops');
    forgetAuthorName();
    repo.git('config', '--unset', 'user.name');
    const name = await withoutGlobalGitConfig(() => authorName(repo.root));
    assert.equal(name, os.userInfo().username);
    forgetAuthorName();
  });
});
