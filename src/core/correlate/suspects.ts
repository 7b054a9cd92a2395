/**
 * Ranks changes as suspects of an incident, each with the reasons behind its score. Pure: the
 * views, the command line and the benchmark feed it model events and show what it returns.
 *
 * What counts, in order of weight:
 * - timing: the change reached production (deployed, else merged or committed) shortly before a
 *   failure was first seen; the credit decays with the distance and is nil after the failure;
 * - code: changed files that are frames of the failing stacks (Sentry events, stack traces in
 *   logs), more frames more credit;
 * - kind: config, flags, migrations, dependencies and infrastructure weigh more than code;
 * - the last good deploy: a change shipped at or before the last deploy with a normal success
 *   rate is unlikely to be the cause, one shipped after it is more likely.
 * It needs no remote source: local commits, deploy tags and log findings are enough.
 */
import type { RiskKind } from '../model/changes';

export type SuspectKind = 'commit' | 'pullRequest' | 'deployment' | 'release';

export interface SuspectChange {
  /** Stable key (e.g. `sha:<sha>`), returned unchanged. */
  key: string;
  kind: SuspectKind;
  title: string;
  /** When it was committed or merged (ms). */
  time: number;
  /** When it reached production, when known (the deploy that shipped it). */
  deployedAt?: number;
  /** Name of that deploy, for the wording ("deploy-42"). */
  deployName?: string;
  sha?: string;
  /** Changed files, repository-relative with '/', and their risk kinds. */
  files: ReadonlyArray<{ path: string; risks: readonly RiskKind[] }>;
}

export interface FailureSignal {
  key: string;
  /** Where it came from, for the wording: a Sentry issue or a log finding. */
  origin: 'error' | 'log';
  /** Short text such as "TypeError: Cannot read properties of undefined". */
  title: string;
  /** When it was first seen (ms). */
  firstSeen: number;
  /** Files of in-app frames, workspace- or repository-relative with '/', one item per frame. */
  frameFiles: readonly string[];
}

export interface RankInput {
  changes: readonly SuspectChange[];
  failures: readonly FailureSignal[];
  /** When there is no failure signal, timing is measured against this (the incident's start). */
  incidentStart?: number;
  /** Time of the last deploy with a normal success rate, and its name. */
  lastGoodDeploy?: { time: number; name: string };
  /** How many suspects to return (default 20). */
  limit?: number;
}

export type ReasonKind = 'timing' | 'code' | 'kind' | 'lastGood';

export interface SuspectReason {
  kind: ReasonKind;
  /** Plain text; names from outside (titles, paths) are quoted with backticks, not escaped. */
  text: string;
  /** This reason's share of the score, 0..1. */
  weight: number;
}

export interface Suspect {
  change: SuspectChange;
  /** 0..1 */
  score: number;
  reasons: SuspectReason[];
}

const WEIGHTS = { timing: 0.45, code: 0.35, kind: 0.15, lastGood: 0.05 } as const;
/** Timing credit halves every this many minutes between the change and the failure. */
const TIMING_HALF_LIFE_MS = 30 * 60_000;
const RISK_WEIGHT: Record<RiskKind, number> = { config: 1, flags: 1, migration: 1, dependency: 0.8, infrastructure: 0.7, ci: 0.2 };
const RISK_WORD: Record<RiskKind, string> = {
  config: 'configuration',
  flags: 'feature flags',
  migration: 'a database migration',
  dependency: 'dependencies',
  infrastructure: 'infrastructure',
  ci: 'CI',
};
/** Documentation cannot break production: a change of docs only keeps this share of its score. */
const DOCS_FACTOR = 0.2;
const DOCS = /(^|\/)(docs?\/.*|[^/]*\.(md|markdown|rst|adoc|txt)|LICEN[CS]E[^/]*|CHANGELOG[^/]*|AUTHORS|NOTICE)$/i;
/** A change shipped at or before the last good deploy keeps this share of its score. */
const BEFORE_LAST_GOOD_FACTOR = 0.3;

/** Ranks the changes; ties keep the newer change first. Runs in O((C + F) log F + files). */
export function rankSuspects(input: RankInput): Suspect[] {
  const failures = [...input.failures].filter((f) => Number.isFinite(f.firstSeen)).sort((a, b) => a.firstSeen - b.firstSeen);
  const frames = indexFrames(failures);
  const out: Suspect[] = [];
  // Scores for every change, wording only for the ones returned: most changes are never shown.
  type Draft = { change: SuspectChange; score: number; parts: Array<{ kind: ReasonKind; weight: number; text: () => string }> };
  const drafts: Draft[] = [];
  for (const change of input.changes) {
    const parts: Draft['parts'] = [];
    let score = 0;

    const shipped = change.deployedAt ?? change.time;
    const timing = timingCredit(shipped, failures, input.incidentStart);
    if (timing) {
      score += WEIGHTS.timing * timing.credit;
      parts.push({ kind: 'timing', weight: WEIGHTS.timing * timing.credit, text: () => `${shippedVerb(change)} ${ago(timing.deltaMs)} before ${timing.what()}` });
    }

    const code = codeCredit(change, frames);
    if (code) {
      score += WEIGHTS.code * code.credit;
      parts.push({ kind: 'code', weight: WEIGHTS.code * code.credit, text: code.text });
    }

    const risk = riskCredit(change);
    if (risk) {
      score += WEIGHTS.kind * risk.credit;
      parts.push({ kind: 'kind', weight: WEIGHTS.kind * risk.credit, text: risk.text });
    }

    if (change.files.length > 0 && change.files.every((f) => DOCS.test(f.path))) {
      score *= DOCS_FACTOR;
      for (const r of parts) r.weight *= DOCS_FACTOR;
      parts.push({ kind: 'kind', weight: 0, text: () => 'changes documentation only' });
    }

    const good = input.lastGoodDeploy;
    if (good) {
      if (shipped > good.time) {
        score += WEIGHTS.lastGood;
        parts.push({ kind: 'lastGood', weight: WEIGHTS.lastGood, text: () => `after \`${good.name}\`, the last deploy with a normal success rate` });
      } else {
        score *= BEFORE_LAST_GOOD_FACTOR;
        for (const r of parts) r.weight *= BEFORE_LAST_GOOD_FACTOR;
        if (score > 0) parts.push({ kind: 'lastGood', weight: 0, text: () => `already live at \`${good.name}\`, which had a normal success rate` });
      }
    }
    if (score > 0) drafts.push({ change, score: Math.min(1, score), parts });
  }
  drafts.sort((a, b) => b.score - a.score || (b.change.deployedAt ?? b.change.time) - (a.change.deployedAt ?? a.change.time));
  return drafts.slice(0, input.limit ?? 20).map((d) => ({
    change: d.change,
    score: d.score,
    reasons: d.parts.sort((x, y) => y.weight - x.weight).map((r) => ({ kind: r.kind, weight: r.weight, text: r.text() })),
  }));
}

function shippedVerb(change: SuspectChange): string {
  if (change.deployedAt !== undefined) return change.deployName ? `deployed with \`${change.deployName}\`` : 'deployed';
  switch (change.kind) {
    case 'deployment':
      return 'deployed';
    case 'release':
      return 'released';
    case 'pullRequest':
      return 'merged';
    default:
      return 'committed';
  }
}

/** The nearest failure first seen at or after `shipped`: its distance and credit. */
function timingCredit(
  shipped: number,
  failures: readonly FailureSignal[],
  incidentStart: number | undefined,
): { credit: number; deltaMs: number; what: () => string } | undefined {
  let lo = 0;
  let hi = failures.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (failures[mid].firstSeen < shipped) lo = mid + 1;
    else hi = mid;
  }
  if (lo < failures.length) {
    const f = failures[lo];
    const deltaMs = f.firstSeen - shipped;
    return { credit: decay(deltaMs), deltaMs, what: () => `\`${oneLine(f.title)}\` was first seen` };
  }
  if (failures.length === 0 && incidentStart !== undefined && incidentStart >= shipped) {
    const deltaMs = incidentStart - shipped;
    return { credit: decay(deltaMs), deltaMs, what: () => 'the incident started' };
  }
  return undefined;
}

function decay(deltaMs: number): number {
  return Math.pow(0.5, deltaMs / TIMING_HALF_LIFE_MS);
}

interface FrameTally {
  count: number;
  /** Distinct failures (frames of one failure arrive together, see indexFrames). */
  distinct: number;
  /** The first few distinct failure keys, to count exactly over several tallies when small. */
  some: string[];
  last: string;
  first: FailureSignal;
}

const SOME = 8;

/**
 * Frames by path, on segment boundaries: `full` by the whole path, `suffixes` by every tail of
 * it (`c.ts`, `b/c.ts`, `a/b/c.ts`). A changed file matches a frame when one path is a tail of
 * the other: frames are often relative to another root (a container's /app, a subfolder).
 */
interface FrameIndex {
  full: Map<string, FrameTally>;
  suffixes: Map<string, FrameTally>;
  /** Answers per changed path: many changes touch the same files. */
  byChangedPath: Map<string, { count: number; failure: FailureSignal; failures: number } | null>;
}

function tally(map: Map<string, FrameTally>, key: string, failure: FailureSignal): void {
  const t = map.get(key);
  if (!t) {
    map.set(key, { count: 1, distinct: 1, some: [failure.key], last: failure.key, first: failure });
    return;
  }
  t.count++;
  if (t.last !== failure.key) {
    t.last = failure.key;
    t.distinct++;
    if (t.some.length < SOME) t.some.push(failure.key);
  }
}

function indexFrames(failures: readonly FailureSignal[]): FrameIndex {
  const index: FrameIndex = { full: new Map(), suffixes: new Map(), byChangedPath: new Map() };
  for (const failure of failures) {
    for (const file of failure.frameFiles) {
      const segments = splitPath(file);
      if (segments.length === 0) continue;
      let tail = '';
      for (let i = segments.length - 1; i >= 0; i--) {
        tail = tail ? `${segments[i]}/${tail}` : segments[i];
        tally(index.suffixes, tail, failure);
      }
      tally(index.full, tail, failure);
    }
  }
  return index;
}

/** Changed files that appear as frames: the file with most frames, and how many in all. */
function codeCredit(change: SuspectChange, index: FrameIndex): { credit: number; text: () => string } | undefined {
  let total = 0;
  let best: { path: string; count: number; failure: FailureSignal; failures: number } | undefined;
  for (const file of change.files) {
    let found = index.byChangedPath.get(file.path);
    if (found === undefined) {
      found = framesOf(file.path, index);
      index.byChangedPath.set(file.path, found);
    }
    if (!found) continue;
    total += found.count;
    if (!best || found.count > best.count) best = { path: file.path, ...found };
  }
  if (!best) return undefined;
  const found = best;
  return {
    credit: 1 - Math.pow(0.5, total),
    text: () => {
      const frames = found.count === 1 ? 'an in-app frame' : `${found.count} in-app frames`;
      const of = found.failures > 1 ? `of ${found.failures} failures` : `of \`${oneLine(found.failure.title)}\``;
      const more = total > found.count ? ` (${total} frames over all its files)` : '';
      return `touches \`${found.path}\`, which is in ${frames} ${of}${more}`;
    },
  };
}

/** The frames a changed file is in: the same file seen from any root. */
function framesOf(filePath: string, index: FrameIndex): { count: number; failure: FailureSignal; failures: number } | null {
  const segments = splitPath(filePath);
  if (segments.length === 0) return null;
  // Frames that end with this whole path (or equal it), then frames equal to a shorter tail.
  const matches: FrameTally[] = [];
  const longer = index.suffixes.get(segments.join('/'));
  if (longer) matches.push(longer);
  for (let i = 1; i < segments.length; i++) {
    const shorter = index.full.get(segments.slice(i).join('/'));
    if (shorter) matches.push(shorter);
  }
  if (matches.length === 0) return null;
  return { count: matches.reduce((n, m) => n + m.count, 0), failure: matches[0].first, failures: distinctFailures(matches) };
}

/** Exact while each tally holds all its failure keys; otherwise the largest tally's count. */
function distinctFailures(matches: readonly FrameTally[]): number {
  if (matches.every((m) => m.distinct <= m.some.length)) return new Set(matches.flatMap((m) => m.some)).size;
  return Math.max(...matches.map((m) => m.distinct));
}

/** Non-empty segments, '\\' and '/' alike, without './'. */
function splitPath(p: string): string[] {
  return p.split(/[\\/]+/).filter((s) => s && s !== '.');
}

function riskCredit(change: SuspectChange): { credit: number; text: () => string } | undefined {
  let best: { risk: RiskKind; path: string } | undefined;
  for (const f of change.files) {
    for (const r of f.risks) if (!best || RISK_WEIGHT[r] > RISK_WEIGHT[best.risk]) best = { risk: r, path: f.path };
  }
  if (!best) return undefined;
  const found = best;
  return { credit: RISK_WEIGHT[found.risk], text: () => `changes ${RISK_WORD[found.risk]}: \`${found.path}\`` };
}

function ago(ms: number): string {
  const min = Math.round(ms / 60_000);
  if (min < 1) return 'less than a minute';
  if (min < 120) return `${min} min`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} h`;
  return `${Math.round(h / 24)} days`;
}

function oneLine(text: string): string {
  const line = text.replace(/[\r\n\t]+/g, ' ').replace(/`/g, "'").trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
