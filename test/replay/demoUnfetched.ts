/**
 * The demo's GitHub knows one change the clone does not: the incident's fix, merged minutes ago
 * on top of the clone's HEAD and already rolled out to canary. "What changed recently?" shows it
 * as a remote row, and comparing the canary deploy with the one before goes through GitHub's
 * compare and contents APIs, since the clone lacks the commit.
 */
import { compareInRepo, fileInRepo } from './demoFacts';
import type { DemoCommit, DemoFacts } from './demoFacts';
import { fakeSha } from './githubReplay';
import type { GitHubReplayData } from './githubReplay';
import type { Json } from './samples';

const MIN = 60_000;
const iso = (t: number): string => new Date(t).toISOString();
const FIXED_FILE = 'src/orders/meta.ts';
const TITLE = 'Default the partition key when order meta lacks one';

/** The fix: `partitionKey: order.partitionKey as string,` gets a default. */
function fixed(text: string): string {
  return text.replace(/partitionKey: order\.partitionKey as string,/, 'partitionKey: order.partitionKey ?? `${order.region}-${order.customerId.slice(0, 2)}`,');
}

export function withUnfetchedFix(data: GitHubReplayData, facts: DemoFacts, commitJson: (c: DemoCommit) => Json): GitHubReplayData {
  const latest = facts.merges[0];
  const template = data.pulls[0];
  if (!latest || !template) return data;
  const at = Math.max(latest.time + MIN, Date.now() - 6 * MIN);
  const sha = fakeSha(`demo-unfetched-${latest.sha}`);
  const number = latest.number + 1;
  const owner = data.owner;
  const web = `https://github.com/${owner}/${data.repo}`;
  const login = (name: string): Json => ({ ...(template.user as Json), login: name, html_url: `https://github.com/${name}` });
  const commit: DemoCommit = { sha, time: at, authorTime: at, author: 'Lena Brandt', email: 'lena@acme-demo.invalid', subject: `Merge pull request #${number} from ${owner}/fix/partition-key-default`, body: TITLE };
  const pulls = [
    { ...structuredClone(template), id: 90_000 + number, number, title: TITLE, user: login('lena'), html_url: `${web}/pull/${number}`, created_at: iso(at - 40 * MIN), updated_at: iso(at + MIN), closed_at: iso(at), merged_at: iso(at), merge_commit_sha: sha, head: { ...(template.head as Json), ref: 'fix/partition-key-default' } },
    ...data.pulls,
  ];
  const out: GitHubReplayData = { ...data, pulls, commits: [commitJson(commit), ...data.commits] };

  // Canary: the last production deploy's commit, then the fix (a commit the clone lacks).
  const deployed = facts.deploys[0];
  const template2 = data.deployments[0];
  if (!facts.repo || !deployed || !template2) return out;
  const repo = facts.repo;
  const canary = (id: number, forSha: string, time: number): Json => ({ ...structuredClone(template2), id, sha: forSha, ref: 'main', environment: 'canary', original_environment: 'canary', production_environment: false, description: 'canary (demo data)', created_at: iso(time), updated_at: iso(time) });
  const canaries = [canary(8102, sha, Math.min(Date.now() - MIN, at + 2 * MIN)), canary(8101, deployed.sha, deployed.time - MIN)];
  out.deployments = [...canaries, ...data.deployments];
  const status = Object.values(data.statuses)[0]?.[0] ?? {};
  out.statuses = { ...data.statuses };
  for (const c of canaries) out.statuses[String(c.id)] = [{ ...structuredClone(status), state: 'success', environment: 'canary', description: 'Canary healthy.', created_at: c.updated_at, updated_at: c.updated_at }];

  const compare = data.compare;
  out.compare = (basehead) => {
    const [base, head] = basehead.split('...');
    if (head !== sha) return typeof compare === 'function' ? compare(basehead) : compare;
    const upToHead = compareInRepo(repo, base, 'HEAD');
    if (!upToHead) return undefined;
    const files = upToHead.files.filter((f) => f.path !== FIXED_FILE);
    const metaChanged = upToHead.files.find((f) => f.path === FIXED_FILE);
    files.push({ status: 'modified', path: FIXED_FILE, additions: (metaChanged?.additions ?? 0) + 1, deletions: (metaChanged?.deletions ?? 0) + 1 });
    const body = typeof compare === 'function' ? compare(`${base}...HEAD`) : compare;
    const commits = [...upToHead.commits.map(commitJson), commitJson(commit)];
    return {
      ...body,
      html_url: `${web}/compare/${basehead}`,
      status: 'ahead',
      ahead_by: commits.length,
      behind_by: 0,
      total_commits: commits.length,
      commits,
      files: files.sort((a, b) => a.path.localeCompare(b.path)).map((f) => ({ filename: f.path, previous_filename: f.previous, status: f.status, additions: f.additions, deletions: f.deletions, changes: f.additions + f.deletions })),
    };
  };
  out.contents = (path, ref) => {
    if (ref !== sha) return data.contents?.(path, ref);
    const atHead = fileInRepo(repo, 'HEAD', path);
    return atHead && path === FIXED_FILE ? Buffer.from(fixed(atHead.toString('utf8'))) : atHead;
  };
  return out;
}
