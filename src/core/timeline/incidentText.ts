/**
 * Pure helpers for how incidents are named, described and shown. No `vscode` import, so they
 * are unit tested in plain Node (test/unit/timeline).
 */

import * as path from 'node:path';
import { displayText } from '../changes/display';
import { formatRelative } from '../changes/timeWindow';
import type { HypothesisState, IncidentMeta, ParsedEntry } from '../model/incident';
import { parseTimestamp } from './format';

const MINUTE = 60_000;
export const POSTMORTEM_SUFFIX = '.postmortem.md';

/**
 * Text from an incident file for places that render `$(icon)` syntax (status bar, quick pick
 * labels): control characters and newlines neutralized, and `$(` broken with a zero-width
 * space so a title can never become an icon.
 */
export function inertText(text: string, max = 300): string {
  return displayText(text, max).replace(/\$\(/g, '$\u200b(');
}

/**
 * Text for a notification, which turns `[label](command:…)` into a link: inert as above, and a
 * zero-width space keeps `](` from ever forming one.
 */
export function notificationText(text: string, max = 1000): string {
  return inertText(text, max).replace(/\]\(/g, ']\u200b(');
}

/** `42m`, `3h 05m`, `2d 4h`: compact elapsed time for the status bar. */
export function formatElapsed(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

export function incidentTitle(meta: IncidentMeta, fileName: string): string {
  return meta.title?.trim() || fileName.replace(/\.md$/i, '');
}

export function startedAt(meta: IncidentMeta): number | undefined {
  return meta.started ? parseTimestamp(meta.started) : undefined;
}

/** The status bar text: `$(flame) SEV2 · Checkout errors · 42m`. */
export function statusBarText(meta: IncidentMeta, fileName: string, now: number): string {
  const status = meta.status ?? 'investigating';
  const icon = status === 'resolved' ? '$(pass)' : status === 'mitigated' ? '$(shield)' : '$(flame)';
  const started = startedAt(meta);
  const time = status === 'resolved' ? 'resolved' : started !== undefined ? formatElapsed(now - started) : status;
  const parts = [meta.severity, inertText(incidentTitle(meta, fileName), 32), time].filter(Boolean);
  return `${icon} ${parts.join(' · ')}`;
}

/** `SEV2 · investigating · 3 h ago` for lists of incidents. */
export function incidentDescription(meta: IncidentMeta, now: number): string {
  const started = startedAt(meta);
  return [meta.severity ?? 'no severity', meta.status ?? 'investigating', started !== undefined ? formatRelative(started, now) : '']
    .filter(Boolean)
    .join(' · ');
}

export function isPostmortemFile(fileName: string): boolean {
  return fileName.toLowerCase().endsWith(POSTMORTEM_SUFFIX);
}

/** Incident files are the markdown files of the folder, except postmortems, hidden files and a README. */
export function isIncidentFileName(fileName: string): boolean {
  return /\.md$/i.test(fileName) && !fileName.startsWith('.') && !isPostmortemFile(fileName) && fileName.toLowerCase() !== 'readme.md';
}

/** `incidents/2026-11-23-x.md` → `incidents/2026-11-23-x.postmortem.md`. */
export function postmortemPathFor(incidentPath: string): string {
  return incidentPath.replace(/\.md$/i, '') + POSTMORTEM_SUFFIX;
}

/** The name to try on the n-th attempt: `a.md`, `a-2.md`, `a-3.md` … */
export function numberedFileName(fileName: string, attempt: number): string {
  if (attempt <= 1) return fileName;
  const ext = path.extname(fileName);
  return `${fileName.slice(0, fileName.length - ext.length)}-${attempt}${ext}`;
}

/** Services typed as `checkout, payments-api`: trimmed, without empties and duplicates. */
export function parseServices(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(',')) {
    const s = raw.replace(/\s+/g, ' ').trim();
    if (s && !out.some((o) => o.toLowerCase() === s.toLowerCase())) out.push(s);
  }
  return out;
}

/** Services of earlier incidents, the most often named first. */
export function serviceSuggestions(metas: readonly IncidentMeta[]): string[] {
  const counts = new Map<string, number>();
  for (const m of metas) for (const s of new Set(m.services.map((x) => x.trim()).filter(Boolean))) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([s]) => s);
}

/** `Postmortem: Checkout errors (SEV2, 2026-11-23)`: one line, whatever the title holds. */
export function commitMessage(meta: IncidentMeta, fileName: string): string {
  const title = incidentTitle(meta, fileName).replace(/\s+/g, ' ').trim();
  const started = startedAt(meta);
  const date = started !== undefined ? new Date(started).toISOString().slice(0, 10) : /^\d{4}-\d{2}-\d{2}/.exec(fileName)?.[0];
  const tags = [meta.severity, date].filter(Boolean).join(', ');
  return `Postmortem: ${title}${tags ? ` (${tags})` : ''}`;
}

/** What git said when it has no identity to commit with, if that is the problem. */
export function isMissingIdentity(stderr: string): boolean {
  return /please tell me who you are|unable to auto-detect email address|empty ident name|no name was given/i.test(stderr);
}

/** A link as typed: one of URL, commit SHA, or `path[:line]`; undefined when it is none of them. */
export function normalizeLink(text: string): string | undefined {
  const value = text.trim();
  if (!value || /[\r\n]/.test(value) || /\s/.test(value)) return undefined;
  return value;
}

/** Repository-relative `path:line` for a selection, or undefined when the file is outside the root. */
export function selectionLink(root: string, filePath: string, line: number): string | undefined {
  const rel = path.relative(root, filePath);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return `${rel.split(path.sep).join('/')}:${line}`;
}

/** True when `child` is `parent` or inside it. */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export interface HypothesisInfo {
  state: HypothesisState;
}

/** `H2 · open · Dana Ops · 12 min ago` and friends: what a timeline row says next to its text. */
export function entryDescription(entry: ParsedEntry, hypotheses: ReadonlyMap<string, HypothesisInfo>, now: number): string {
  const when = formatRelative(entry.time, now);
  const author = displayText(entry.author, 60);
  const id = entry.hypothesis;
  switch (entry.kind) {
    case 'hypothesis':
      return [id, id ? hypotheses.get(id)?.state : undefined, author, when].filter(Boolean).join(' · ');
    case 'confirm':
      return [`${id} confirmed`, author, when].join(' · ');
    case 'refute':
      return [`${id} refuted`, author, when].join(' · ');
    default:
      return [KIND_LABELS[entry.kind] + (id ? ` ${id}` : ''), author, when].join(' · ');
  }
}

export const KIND_LABELS: Record<ParsedEntry['kind'], string> = {
  observation: 'observation',
  hypothesis: 'hypothesis',
  confirm: 'confirmed',
  refute: 'refuted',
  evidence: 'evidence',
  decision: 'decision',
  action: 'action',
  status: 'status',
  note: 'note',
  followup: 'follow-up',
};

/**
 * First line of an entry's text for a one-line label, or its kind when it has none. Markdown
 * backslash escapes (`partition\_key`, written by Pin to Incident) show as the character.
 */
export function entryLabel(entry: Pick<ParsedEntry, 'text' | 'kind'>): string {
  const first = (entry.text.split('\n').find((l) => l.trim()) ?? '').replace(/\\([!-/:-@[-`{-~])/g, '$1');
  return displayText(first.trim(), 200) || `(${KIND_LABELS[entry.kind]})`;
}

/** The smallest span of `before` to replace to get `after`. */
export function diffSpan(before: string, after: string): { start: number; end: number; insert: string } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, end: before.length - tail, insert: after.slice(start, after.length - tail) };
}
