// Comparing commits the clone lacks through GitHub: the compare API paged by commits, and files
// read raw at a commit, against the replay server over real sockets with the real Octokit client.
import * as assert from 'node:assert/strict';
import { SourceError } from '../../../src/core/errors';
import { GitHubClient } from '../../../src/sources/github/githubClient';
import type { GitHubClientOptions } from '../../../src/sources/github/githubClient';
import { fakeSha, sampleGitHubData, startGitHubReplay } from '../../replay/githubReplay';
import type { GitHubReplay } from '../../replay/githubReplay';
import { loadSample, sampleItem } from '../../replay/samples';
import type { Json } from '../../replay/samples';
import { FAST_GH } from './githubClient.test';

const TOKEN = 'ghp_' + 'C'.repeat(16) + 'cmp123'.repeat(4);
const BASE = fakeSha('compare-base');
const HEAD = fakeSha('compare-head');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);

/** 230 commits and four files (modified, added, removed, renamed), built from the published sample. */
function comparison(): Json {
  const sample = loadSample<Json>('github/compare.json');
  const commit = sampleItem('github/commits-list.json');
  const commits = Array.from({ length: 230 }, (_, i) => ({ ...structuredClone(commit), sha: fakeSha(`c${i}`), commit: { ...(commit.commit as Json), message: `Change ${i}` } }));
  const file = (sample.files as Json[])[0];
  return {
    ...sample,
    status: 'ahead',
    ahead_by: 230,
    behind_by: 0,
    total_commits: 230,
    commits,
    files: [
      { ...file, filename: 'src/orders/createOrder.ts', status: 'modified', additions: 3, deletions: 1 },
      { ...file, filename: 'src/orders/meta.ts', status: 'added', additions: 20, deletions: 0 },
      { ...file, filename: 'src/legacy/old.ts', status: 'removed', additions: 0, deletions: 12 },
      { ...file, filename: 'src/db/orderRepo.ts', previous_filename: 'src/db/orders.ts', status: 'renamed', additions: 1, deletions: 1 },
    ],
  };
}

describe('GitHub compare and file contents (real Octokit, replay server)', function () {
  this.timeout(10_000);
  let gh: GitHubReplay;
  const files: Record<string, Buffer> = {
    [`${BASE}:src/orders/createOrder.ts`]: Buffer.from('export const a = 1;\n'),
    [`${HEAD}:src/orders/createOrder.ts`]: Buffer.from('export const a = 2;\n'),
    [`${HEAD}:media/logo.png`]: PNG,
  };
  const client = (o: GitHubClientOptions = {}): GitHubClient => new GitHubClient({ owner: 'octocat', name: 'Hello-World' }, { baseUrl: gh.url, token: TOKEN, ...FAST_GH, ...o });

  before(async () => {
    const data = sampleGitHubData();
    data.compare = (basehead) => (basehead === `${BASE}...${HEAD}` ? comparison() : undefined);
    data.contents = (path, ref) => files[`${ref}:${path}`];
    gh = await startGitHubReplay(data, { token: TOKEN });
  });
  after(() => gh.server.close());
  beforeEach(() => {
    gh.server.clearRequests();
    gh.server.clearFaults();
  });

  it('pages through the commits of a comparison and keeps the files of its first page', async () => {
    const cmp = await client().compare(BASE, HEAD);
    const pages = gh.server.requestsTo(`/repos/octocat/Hello-World/compare/${BASE}...${HEAD}`);
    assert.deepEqual(pages.map((r) => r.query.get('page') ?? '1'), ['1', '2', '3']);
    assert.equal(pages[0].query.get('per_page'), '100');
    assert.equal(cmp.commits.length, 230);
    assert.deepEqual([cmp.commits[0].subject, cmp.commits[229].subject], ['Change 0', 'Change 229']);
    assert.deepEqual(
      cmp.files.map((f) => [f.status, f.path, f.previousPath]),
      [
        ['modified', 'src/orders/createOrder.ts', undefined],
        ['added', 'src/orders/meta.ts', undefined],
        ['deleted', 'src/legacy/old.ts', undefined],
        ['renamed', 'src/db/orderRepo.ts', 'src/db/orders.ts'],
      ],
    );
  });

  it('stops at the page cap', async () => {
    const cmp = await client({ maxPages: 2 }).compare(BASE, HEAD);
    assert.equal(cmp.commits.length, 200);
    assert.equal(cmp.totalCommits, 230, 'the total still says how many there are');
  });

  it('reads a file at a commit raw, nested path and all, text and binary alike', async () => {
    const c = client();
    const text = await c.fileAt('src/orders/createOrder.ts', HEAD);
    assert.equal(Buffer.from(text).toString('utf8'), 'export const a = 2;\n');
    const req = gh.server.requestsTo(/\/contents\//)[0];
    assert.equal(req.query.get('ref'), HEAD);
    assert.match(String(req.headers.accept), /application\/vnd\.github\.v3\.raw/);
    assert.equal(req.headers.authorization, `token ${TOKEN}`);
    assert.deepEqual(Buffer.from(await c.fileAt('media/logo.png', HEAD)), PNG, 'binary bytes arrive unchanged');
    // Raw bodies are read once and never served from the ETag cache: a second read is whole too.
    assert.equal(Buffer.from(await c.fileAt('src/orders/createOrder.ts', HEAD)).toString('utf8'), 'export const a = 2;\n');
    assert.equal(gh.server.requestsTo(/\/contents\/src/).length, 2);
  });

  it('turns a missing file, a 404 comparison and a refused token into typed errors', async () => {
    await assert.rejects(client().fileAt('src/nope.ts', HEAD), (e: SourceError) => e.kind === 'notFound' && /src\/nope\.ts at [0-9a-f]{7} in GitHub repository octocat\/Hello-World/.test(e.message));
    await assert.rejects(client().compare(BASE, fakeSha('elsewhere')), (e: SourceError) => e.kind === 'notFound' && /comparison/.test(e.message));
    await assert.rejects(client({ token: 'ghp_wrong' }).compare(BASE, HEAD), (e: SourceError) => e.kind === 'unauthorized');
  });

  it('retries a 500 on the comparison and on a file, then succeeds', async () => {
    gh.server.fault(`/repos/octocat/Hello-World/compare/${BASE}...${HEAD}`, { status: 500, times: 1 });
    gh.server.fault(/\/contents\//, { status: 502, times: 1 });
    const cmp = await client().compare(BASE, HEAD);
    assert.equal(cmp.files.length, 4);
    const bytes = await client().fileAt('src/orders/createOrder.ts', BASE);
    assert.equal(Buffer.from(bytes).toString('utf8'), 'export const a = 1;\n');
    assert.equal(gh.server.requestsTo(/\/contents\//).length, 2, 'one failed attempt, one retry');
  });

  it('cancels a slow file read', async () => {
    gh.server.fault(/\/contents\//, { kind: 'slow', delayMs: 3_000 });
    const controller = new AbortController();
    const reading = client().fileAt('src/orders/createOrder.ts', HEAD, controller.signal);
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(reading, (e: SourceError) => e.kind === 'cancelled');
  });
});
