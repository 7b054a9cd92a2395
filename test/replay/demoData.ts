/**
 * Demo data for the checkout-service demo workspace, clearly labelled: organization and owner
 * "acme-demo", project named "(demo data)", links on .invalid hosts. Shaped like the published
 * samples (each object starts from one), so the demo exercises the same parsing as the tests.
 */
import { compareInRepo, contextLines, factsFromRepo, fileInRepo, syntheticFacts } from './demoFacts';
import type { DemoCommit, DemoFacts } from './demoFacts';
import type { GitHubReplayData } from './githubReplay';
import { withUnfetchedFix } from './demoUnfetched';
import { loadSample, sampleItem } from './samples';
import type { Json } from './samples';
import type { SentryReplayData } from './sentryReplay';

export const DEMO_ORG = 'acme-demo';
export const DEMO_PROJECT = 'checkout-service';
export const DEMO_REPO = 'checkout-service';
const WEB = `https://github.com/${DEMO_ORG}/${DEMO_REPO}`;
const SENTRY_WEB = 'https://acme-demo.sentry.invalid';
const MIN = 60_000;
const H = 60 * MIN;

const iso = (t: number): string => new Date(t).toISOString();

export function demoFacts(o: { now: number; repo?: string }): DemoFacts {
  return o.repo ? factsFromRepo(o.repo) : syntheticFacts(o.now);
}

const project = { id: '4504', name: 'checkout-service (demo data)', slug: DEMO_PROJECT, platform: 'node' };

interface DemoIssue {
  id: string;
  title: string;
  culprit: string;
  level: string;
  count: number;
  users: number;
  firstSeen: number;
  lastSeen: number;
  unhandled: boolean;
}

export function demoSentryData(facts: DemoFacts, now: number): SentryReplayData {
  const lastDeploy = facts.deploys[0]?.time ?? now - 30 * MIN;
  const issues: DemoIssue[] = [
    {
      id: '9001',
      title: 'DatabaseError: null value in column "partition_key" of relation "orders" violates not-null constraint',
      culprit: 'insertOrder(src/db/orders)',
      level: 'error',
      count: 1843,
      users: 412,
      firstSeen: lastDeploy + 40_000,
      lastSeen: now - 20_000,
      unhandled: true,
    },
    { id: '8710', title: 'PaymentTimeoutError: payment provider did not answer within 3000 ms', culprit: 'requestAuthorisation(src/payments/client)', level: 'warning', count: 214, users: 190, firstSeen: now - 74 * H, lastSeen: now - 2 * H, unhandled: false },
    { id: '8533', title: 'Error: connect ECONNREFUSED 10.0.3.7:5432', culprit: 'createPool(src/db/pool)', level: 'error', count: 9, users: 0, firstSeen: now - 96 * H, lastSeen: now - 26 * H, unhandled: true },
  ];
  const template = sampleItem('sentry/org-issues-list.json');
  const issueJson = issues.map((i) => ({
    ...structuredClone(template),
    id: i.id,
    shortId: `CHECKOUT-SERVICE-${Number(i.id).toString(36).toUpperCase()}`,
    title: i.title,
    culprit: i.culprit,
    level: i.level,
    count: String(i.count),
    userCount: i.users,
    firstSeen: iso(i.firstSeen),
    lastSeen: iso(i.lastSeen),
    lifetime: { count: String(i.count), userCount: i.users, firstSeen: iso(i.firstSeen), lastSeen: iso(i.lastSeen) },
    metadata: { title: i.title },
    permalink: `${SENTRY_WEB}/issues/${i.id}/`,
    project,
    platform: 'node',
    status: 'unresolved',
    substatus: i.firstSeen > lastDeploy ? 'new' : 'ongoing',
    isUnhandled: i.unhandled,
    assignedTo: null,
    issueCategory: 'error',
    issueType: 'error',
  }));

  const events: Record<string, Json> = { '9001': partitionKeyEvent(facts, now) };
  for (const i of issues.slice(1)) events[i.id] = simpleEvent(i, now);

  const releaseTemplate = loadSample<Json>('sentry/release-details.json');
  const releases = facts.deploys.slice(0, 10).map((d, n) => ({
    ...structuredClone(releaseTemplate),
    id: 500 + n,
    version: `${DEMO_PROJECT}@${d.sha}`,
    shortVersion: d.sha.slice(0, 12),
    dateCreated: iso(d.time - 3 * MIN),
    dateReleased: iso(d.time),
    lastCommit: { ...(releaseTemplate.lastCommit as Json), id: d.sha, message: `Deploy ${d.name}`, dateCreated: iso(d.time - 5 * MIN) },
    lastDeploy: { id: String(7100 + n), environment: 'production', dateStarted: iso(d.time - 2 * MIN), dateFinished: iso(d.time), name: d.name, url: null },
    deployCount: 1,
    commitCount: 1,
    authors: [],
    projects: [{ id: 4504, slug: DEMO_PROJECT, name: project.name, newGroups: 0, platform: 'node', platforms: ['node'], hasHealthData: false }],
  }));
  const deploys: Record<string, Json[]> = {};
  for (const r of releases) deploys[String(r.version)] = [r.lastDeploy as Json];
  return {
    org: DEMO_ORG,
    projects: { [DEMO_PROJECT]: project.id },
    issues: issueJson,
    events,
    releases,
    releaseDetails: Object.fromEntries(releases.map((r) => [String(r.version), r])),
    deploys,
    releaseCommits: {},
  };
}

function frame(facts: DemoFacts, file: string, fn: string, line: number, col: number, text: string, inApp = true): Json {
  return {
    function: fn,
    module: file.replace(/\.[jt]s$/, '').replace(/\//g, ':'),
    filename: `/usr/src/app/${file}`,
    absPath: `/usr/src/app/${file}`,
    lineNo: line,
    colNo: col,
    inApp,
    context: inApp ? contextLines(facts, file, line, text) : [[line, text]],
    vars: null,
    package: null,
    platform: null,
    errors: null,
    instructionAddr: null,
    symbolAddr: null,
    trust: null,
    symbol: null,
  };
}

function baseEvent(id: string, title: string, now: number, entries: Json[]): Json {
  const sample = loadSample<Json>('sentry/issue-latest-event.json');
  return {
    ...sample,
    eventID: `${id}${'0'.repeat(32 - id.length)}`,
    id: `${id}${'0'.repeat(32 - id.length)}`,
    groupID: id,
    projectID: project.id,
    title,
    message: '',
    platform: 'node',
    dateCreated: iso(now - 20_000),
    dateReceived: iso(now - 19_000),
    user: { id: 'demo-user', username: null, name: null, email: null, ip_address: null, data: null },
    tags: [
      { key: 'environment', value: 'production' },
      { key: 'level', value: 'error' },
      { key: 'runtime', value: 'node v20.11.1' },
      { key: 'server_name', value: 'checkout-service-7d9f8-2xkqp' },
    ],
    entries,
    errors: [],
    sdk: { name: 'sentry.javascript.node', version: '8.40.0' },
    contexts: {},
    context: {},
    release: null,
    culprit: '',
    location: null,
  };
}

/** The incident's error: the insert fails because the meta was built before the partition key was set. */
function partitionKeyEvent(facts: DemoFacts, now: number): Json {
  const title = 'DatabaseError: null value in column "partition_key" of relation "orders" violates not-null constraint';
  const pgFrames = [
    frame(facts, 'node_modules/pg/lib/client.js', 'Client.query', 526, 17, '    this._activeQuery = query', false),
    frame(facts, 'node_modules/pg-protocol/dist/parser.js', 'Parser.parseErrorMessage', 369, 69, '        const message = name === \'notice\' ? new NoticeMessage(length, messageValue) : new DatabaseError(messageValue, length, name)', false),
  ];
  const appFrames = [
    frame(facts, 'node_modules/express/lib/router/layer.js', 'Layer.handle [as handle_request]', 95, 5, '    fn(req, res, next);', false),
    frame(facts, 'src/api/orders.ts', 'router.post', 41, 27, "      const order = await createOrder(pool, input, req.header('idempotency-key'));"),
    frame(facts, 'src/orders/createOrder.ts', 'createOrder', 19, 3, '  await insertOrder(pool, order, meta);'),
    frame(facts, 'src/db/orders.ts', 'insertOrder', 18, 18, '    await client.query(INSERT_ORDER, ['),
  ];
  return baseEvent('9001', title, now, [
    {
      type: 'exception',
      data: {
        values: [
          {
            type: 'DatabaseError',
            value: 'null value in column "partition_key" of relation "orders" violates not-null constraint',
            module: null,
            mechanism: { type: 'chained', source: 'cause', exception_id: 1, parent_id: 0, handled: false },
            stacktrace: { frames: [...appFrames, ...pgFrames], framesOmitted: null, registers: null, hasSystemFrames: true },
            rawStacktrace: null,
            threadId: null,
          },
          {
            type: 'OrderCreateError',
            value: 'could not create order: insert failed',
            module: null,
            mechanism: { type: 'express', handled: false, exception_id: 0 },
            stacktrace: { frames: appFrames.slice(0, 3), framesOmitted: null, registers: null, hasSystemFrames: true },
            rawStacktrace: null,
            threadId: null,
          },
        ],
        excOmitted: null,
        hasSystemFrames: true,
      },
    },
    {
      type: 'breadcrumbs',
      data: {
        values: [
          { category: 'http', level: 'info', type: 'http', timestamp: iso(now - 21_000), message: null, data: { method: 'POST', url: '/orders', status_code: 500 }, event_id: null },
        ],
      },
    },
  ]);
}

function simpleEvent(i: DemoIssue, now: number): Json {
  const [type, ...rest] = i.title.split(': ');
  const file = /\((src\/[^)]+)\)/.exec(i.culprit)?.[1] ?? 'src/app';
  const fn = i.culprit.split('(')[0];
  const noFacts: DemoFacts = { deploys: [], releases: [], merges: [], commits: [] };
  return baseEvent(i.id, i.title, now, [
    {
      type: 'exception',
      data: {
        values: [
          {
            type,
            value: rest.join(': '),
            mechanism: { type: 'generic', handled: !i.unhandled },
            stacktrace: { frames: [frame(noFacts, `${file}.ts`, fn, 10, 3, '')] },
          },
        ],
      },
    },
  ]);
}

export function demoGitHubData(facts: DemoFacts): GitHubReplayData {
  const pr = sampleItem('github/pulls-list.json');
  const dep = sampleItem('github/deployments-list.json');
  const status = sampleItem('github/deployment-statuses-list.json');
  const rel = sampleItem('github/releases-list.json');
  const user = (login: string): Json => ({ ...(pr.user as Json), login, id: login.length * 1000, html_url: `https://github.com/${login}` });
  const pulls = facts.merges.map((m) => ({
    ...structuredClone(pr),
    id: 90_000 + m.number,
    number: m.number,
    state: 'closed',
    title: m.title,
    user: user(m.login),
    html_url: `${WEB}/pull/${m.number}`,
    created_at: iso(m.time - 5 * H),
    updated_at: iso(m.time + MIN),
    closed_at: iso(m.time),
    merged_at: iso(m.time),
    merge_commit_sha: m.sha,
    head: { ...(pr.head as Json), ref: m.branch },
    base: { ...(pr.base as Json), ref: 'main' },
  }));
  const deployments = facts.deploys.map((d, n) => ({
    ...structuredClone(dep),
    id: 7000 + facts.deploys.length - n,
    sha: d.sha,
    ref: 'main',
    environment: 'production',
    original_environment: 'production',
    description: `${d.name} (demo data)`,
    creator: user('deploy-bot'),
    created_at: iso(d.time - 2 * MIN),
    updated_at: iso(d.time),
  }));
  const statuses: Record<string, Json[]> = {};
  for (const d of deployments) {
    statuses[String(d.id)] = [{ ...structuredClone(status), state: 'success', creator: user('deploy-bot'), description: 'Rolled out to all pods.', environment: 'production', created_at: d.updated_at, updated_at: d.updated_at, log_url: `https://deploys.acme-demo.invalid/checkout-service/${d.id}` }];
  }
  const releases = facts.releases.map((r, n) => ({
    ...structuredClone(rel),
    id: 300 + n,
    tag_name: r.name,
    name: `checkout-service ${r.name}`,
    target_commitish: r.sha,
    html_url: `${WEB}/releases/tag/${r.name}`,
    created_at: iso(r.time),
    published_at: iso(r.time),
    author: user('maren'),
    assets: [],
  }));
  const commitJson = (c: DemoCommit): Json => {
    const base = structuredClone(sampleItem('github/commits-list.json')) as Json & { commit: Json };
    const login = c.author.split(/\s+/)[0].toLowerCase();
    return {
      ...base,
      sha: c.sha,
      html_url: `${WEB}/commit/${c.sha}`,
      commit: { ...base.commit, message: c.body ? `${c.subject}\n\n${c.body}` : c.subject, author: { name: c.author, email: c.email, date: iso(c.authorTime) }, committer: { name: c.author, email: c.email, date: iso(c.time) } },
      author: user(login),
      committer: user(login),
    };
  };
  const compareTemplate = loadSample<Json>('github/compare.json');
  const data: GitHubReplayData = {
    owner: DEMO_ORG,
    repo: DEMO_REPO,
    pulls,
    deployments,
    statuses,
    releases,
    commits: facts.commits.map(commitJson),
    compare: (basehead) => {
      if (!facts.repo) return compareTemplate;
      const [base, head] = basehead.split('...');
      const diff = compareInRepo(facts.repo, base, head);
      if (!diff) return undefined;
      return {
        ...compareTemplate,
        html_url: `${WEB}/compare/${basehead}`,
        status: diff.commits.length ? 'ahead' : 'identical',
        ahead_by: diff.commits.length,
        behind_by: 0,
        total_commits: diff.commits.length,
        commits: diff.commits.map(commitJson),
        files: diff.files.map((f) => ({ filename: f.path, previous_filename: f.previous, status: f.status, additions: f.additions, deletions: f.deletions, changes: f.additions + f.deletions })),
      };
    },
    contents: (path, ref) => (facts.repo ? fileInRepo(facts.repo, ref, path) : undefined),
  };
  return withUnfetchedFix(data, facts, commitJson);
}
