/**
 * The Incident overview's data: every source's events on one time axis, in lanes, and the
 * ranked suspects. Pure, so the webview only draws what this returns.
 */
import type { ChangeGroup, TimeWindow } from '../model/changes';
import type { ErrorIssue } from '../model/errors';
import type { ParsedIncident } from '../model/incident';
import type { LogFinding } from '../model/logs';
import { framesOfEntry } from '../logs/frames';
import { suspectsFromGroups } from './fromChanges';
import { rankSuspects, type FailureSignal } from './suspects';

export const LANES = [
  { id: 'deploys', label: 'Deploys' },
  { id: 'changes', label: 'Changes' },
  { id: 'config', label: 'Config and flags' },
  { id: 'errors', label: 'Errors (first seen)' },
  { id: 'logs', label: 'Log findings' },
  { id: 'timeline', label: 'Incident timeline' },
] as const;
export type LaneId = (typeof LANES)[number]['id'];

export type OverviewTarget =
  | { kind: 'commit'; root: string; sha: string }
  | { kind: 'entry'; line: number }
  | { kind: 'url'; url: string }
  | { kind: 'log'; file: string; line: number };

export type Tone = 'success' | 'failure' | 'progress' | 'risk' | 'new' | 'neutral' | 'refuted' | 'confirmed' | 'open';

export interface OverviewItem {
  id: string;
  lane: LaneId;
  time: number;
  /** Short text on the axis; plain text, escaped by the view. */
  label: string;
  /** Longer text for the hover. */
  detail: string;
  tone: Tone;
  target?: OverviewTarget;
}

export interface OverviewSuspect {
  key: string;
  title: string;
  /** 0..100 */
  score: number;
  reasons: string[];
  target?: OverviewTarget;
}

export type SourceHealth = 'ok' | 'loading' | 'notConfigured' | 'error';

export interface OverviewSource {
  name: string;
  health: SourceHealth;
  /** "59 commits", "unauthorized", "not configured": what the strip shows. */
  detail: string;
}

export interface OverviewState {
  window: { start: number; end: number; label: string };
  lanes: Array<{ id: LaneId; label: string; items: OverviewItem[] }>;
  suspects: OverviewSuspect[];
  sources: OverviewSource[];
  incident?: { title: string; started?: number };
}

export interface OverviewInput {
  window: TimeWindow;
  repos: Array<{ root: string; name: string; groups: readonly ChangeGroup[] }>;
  incident?: ParsedIncident;
  issues?: readonly ErrorIssue[];
  /** Findings of each log source: new signatures, bursts, drops of successes. */
  logFindings?: readonly LogFinding[];
  sources: OverviewSource[];
}

const FINDING_WORD: Record<LogFinding['kind'], string> = { newSignature: 'new', burst: 'burst', successDrop: 'successes dropped' };

export function buildOverview(input: OverviewInput): OverviewState {
  const items: OverviewItem[] = [];
  const inWindow = (t: number | undefined): t is number => t !== undefined && t >= input.window.start && t <= input.window.end;
  const shaRoot = new Map<string, string>();

  for (const repo of input.repos) {
    for (const group of repo.groups) {
      const d = group.deploy;
      if (d && inWindow(d.time)) {
        items.push({ id: `deploy:${repo.root}:${d.tag}`, lane: 'deploys', time: d.time, label: d.tag, detail: `Deploy ${d.tag} (${group.rows.length} changes)`, tone: 'success', target: { kind: 'commit', root: repo.root, sha: d.sha } });
      }
      for (const row of group.rows) {
        const c = row.kind === 'pr' ? row.merge : row.commit;
        shaRoot.set(c.sha, repo.root);
        const files = row.kind === 'pr' ? [c, ...row.commits].flatMap((x) => x.files) : c.files;
        const risky = files.filter((f) => f.risks.some((r) => r === 'config' || r === 'flags' || r === 'migration'));
        if (!inWindow(c.commitTime)) continue;
        const label = row.kind === 'pr' ? `#${row.number}` : c.sha.slice(0, 7);
        const title = row.kind === 'pr' ? `#${row.number} ${c.body.split('\n')[0]?.trim() || c.subject}` : c.subject;
        items.push({ id: `change:${c.sha}`, lane: 'changes', time: c.commitTime, label, detail: `${title} (${c.authorName})`, tone: 'neutral', target: { kind: 'commit', root: repo.root, sha: c.sha } });
        if (risky.length) {
          items.push({
            id: `config:${c.sha}`,
            lane: 'config',
            time: c.commitTime,
            label: risky[0].path.split('/').pop() ?? risky[0].path,
            detail: `${title}: changes ${risky.map((f) => f.path).slice(0, 5).join(', ')}`,
            tone: 'risk',
            target: { kind: 'commit', root: repo.root, sha: c.sha },
          });
        }
      }
    }
  }

  for (const issue of input.issues ?? []) {
    if (!inWindow(issue.firstSeen)) continue;
    items.push({
      id: `issue:${issue.id}`,
      lane: 'errors',
      time: issue.firstSeen,
      label: issue.shortId,
      detail: `${issue.title} · ${issue.count} events · first seen`,
      tone: issue.isNew ? 'new' : 'failure',
      ...(issue.permalink ? { target: { kind: 'url' as const, url: issue.permalink } } : {}),
    });
  }

  for (const [i, f] of (input.logFindings ?? []).entries()) {
    if (!inWindow(f.time)) continue;
    items.push({
      id: `log:${i}:${f.source}`,
      lane: 'logs',
      time: f.time,
      label: f.kind === 'successDrop' ? 'no successes' : `${FINDING_WORD[f.kind]}: ${f.signature?.template ?? ''}`,
      detail: `${f.source}: ${f.detail}`,
      tone: f.kind === 'burst' ? 'failure' : 'new',
      ...(f.example?.file && f.example.line ? { target: { kind: 'log' as const, file: f.example.file, line: f.example.line } } : {}),
    });
  }

  const incident = input.incident;
  if (incident) {
    const states = new Map(incident.hypotheses.map((h) => [h.id, h.state]));
    for (const e of incident.entries) {
      if (!inWindow(e.time)) continue;
      const state = e.kind === 'hypothesis' && e.hypothesis ? states.get(e.hypothesis) : undefined;
      const tone: Tone = state === 'confirmed' ? 'confirmed' : state === 'refuted' ? 'refuted' : state === 'open' ? 'open' : 'neutral';
      items.push({
        id: `entry:${e.startLine}`,
        lane: 'timeline',
        time: e.time,
        label: e.hypothesis ? `${e.kind} ${e.hypothesis}` : e.kind,
        detail: `${e.kind}${e.hypothesis ? ` ${e.hypothesis}` : ''} · ${e.author}: ${e.text.split('\n')[0]}`,
        tone,
        target: { kind: 'entry', line: e.startLine },
      });
    }
  }

  const failures: FailureSignal[] = (input.issues ?? [])
    .filter((i) => i.firstSeen !== undefined)
    .map((i) => ({ key: i.id, origin: 'error' as const, title: i.title, firstSeen: i.firstSeen!, frameFiles: [] as string[] }));
  for (const [i, f] of (input.logFindings ?? []).entries()) {
    const frames = f.example ? framesOfEntry(f.example).filter((fr) => !fr.internal).map((fr) => fr.file.replace(/^file:\/\//, '')) : [];
    const title = f.kind === 'successDrop' ? `successes dropped in ${f.source}` : (f.signature?.template ?? f.detail);
    failures.push({ key: `log:${i}`, origin: 'log', title, firstSeen: f.time, frameFiles: frames });
  }
  const started = incident?.meta.started ? Date.parse(incident.meta.started) : undefined;
  const ranked = rankSuspects({
    changes: input.repos.flatMap((r) => suspectsFromGroups(r.groups)),
    failures,
    ...(started !== undefined && Number.isFinite(started) ? { incidentStart: started } : {}),
    limit: 10,
  });
  // Below one point a suspect is noise: it would show as a score of 0.
  const suspects = ranked.filter((s) => s.score >= 0.01).map((s) => {
    const root = s.change.sha ? shaRoot.get(s.change.sha) : undefined;
    return {
      key: s.change.key,
      title: s.change.title,
      score: Math.round(s.score * 100),
      reasons: s.reasons.map((r) => r.text),
      ...(root && s.change.sha ? { target: { kind: 'commit' as const, root, sha: s.change.sha } } : {}),
    };
  });

  return {
    window: { start: input.window.start, end: input.window.end, label: input.window.label },
    lanes: LANES.map((l) => ({ id: l.id, label: l.label, items: items.filter((i) => i.lane === l.id).sort((a, b) => a.time - b.time) })),
    suspects,
    sources: input.sources,
    ...(incident ? { incident: { title: incident.meta.title ?? 'Untitled incident', ...(started !== undefined && Number.isFinite(started) ? { started } : {}) } } : {}),
  };
}
