/**
 * A blameless postmortem draft from a parsed incident. It fills in what the timeline knows
 * (times, offsets, hypotheses and their outcomes, follow-ups) and leaves prompts, as HTML
 * comments, for what only people can write.
 */

import type { Hypothesis, ParsedEntry, ParsedIncident } from '../model/incident';
import { parseTimestamp } from './format';

const MINUTE = 60_000;

export function renderPostmortem(parsed: ParsedIncident, now: Date | number): string {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const { meta, entries, hypotheses } = parsed;
  const ordered = [...entries].sort((a, b) => a.time - b.time);
  const startMs = timeOf(meta.started) ?? ordered[0]?.time ?? nowMs;
  const resolvedMs = timeOf(meta.resolved) ?? statusTime(ordered, 'resolved');
  const mitigatedMs = statusTime(ordered, 'mitigated');
  const endMs = resolvedMs ?? nowMs;
  const sameDay = [...ordered.map((e) => e.time), resolvedMs ?? startMs].every((t) => dayOf(t) === dayOf(startMs));
  const when = (ms: number): string => `${formatUtc(ms, !sameDay)} (${formatOffset(ms - startMs)})`;
  const title = meta.title ?? 'Untitled incident';
  const confirmed = hypotheses.filter((h) => h.state === 'confirmed');
  const out: string[] = [];

  out.push(`# Postmortem: ${title}`, '');
  out.push('_Blameless review: it looks at how the system and our ways of working made this possible, not at individuals._', '');
  const damaged = parsed.problems.filter((p) => p.severity !== 'info').length;
  if (damaged > 0) {
    out.push(`> Note: the incident file has ${damaged} problem(s); entries that could not be read are missing here.`, '');
  }
  out.push(`- **Severity:** ${meta.severity ?? 'not set'}`);
  out.push(`- **Status:** ${meta.status ?? 'not set'}`);
  out.push(`- **Services:** ${meta.services.length > 0 ? meta.services.join(', ') : 'not set'}`);
  out.push(`- **Incident commander:** ${meta.commander ?? 'not set'}`);
  out.push(`- **Started:** ${formatUtc(startMs, true)}`);
  out.push(`- **Resolved:** ${resolvedMs !== undefined ? formatUtc(resolvedMs, true) : `not yet (as of ${formatUtc(nowMs, true)})`}`);
  out.push(`- **Duration:** ${formatDuration(endMs - startMs)}${resolvedMs === undefined ? ' so far' : ''}`, '');

  out.push('## Summary', '');
  const services = meta.services.length > 0 ? ` affecting ${meta.services.join(', ')}` : '';
  const outcome = resolvedMs !== undefined ? `resolved after ${formatDuration(resolvedMs - startMs)}` : `${meta.status ?? 'open'} for ${formatDuration(nowMs - startMs)} so far`;
  out.push(`${title}: a ${meta.severity ?? 'severity-unset'} incident${services}, ${outcome}.`);
  for (const h of confirmed) out.push(`Confirmed cause (${h.id}): ${firstLine(h.text)}`);
  out.push('', '<!-- In two or three sentences: what happened, who noticed it, and how it was brought under control. -->', '');

  out.push('## Impact and duration', '');
  out.push(`- Started: ${when(startMs)}`);
  const detected = ordered.find((e) => e.kind === 'observation');
  if (detected) out.push(`- First observation: ${when(detected.time)}`);
  if (mitigatedMs !== undefined) out.push(`- Mitigated: ${when(mitigatedMs)}`);
  out.push(resolvedMs !== undefined ? `- Resolved: ${when(resolvedMs)}` : '- Resolved: not yet');
  out.push(`- Duration: ${formatDuration(endMs - startMs)}${resolvedMs === undefined ? ' so far' : ''}`);
  out.push('', '<!-- Who and what was affected, and how much: users, requests, orders, data. -->', '');

  out.push('## Detection', '');
  if (detected) {
    out.push(`First noticed at ${when(detected.time)} by ${detected.author}:`, '');
    out.push(...quote(detected.text), '');
  } else {
    out.push('No observation was written down.', '');
  }
  out.push('<!-- How was it noticed: an alert, a dashboard, a customer, a colleague? What would have shown it sooner? -->', '');

  out.push('## Timeline (UTC)', '');
  out.push(`Offsets are from the start, ${formatUtc(startMs, true)}.`, '');
  if (ordered.length === 0) out.push('No entries were written down.');
  for (const e of ordered) {
    const kind = e.hypothesis ? `${e.kind} ${e.hypothesis}` : e.kind;
    out.push(...listItem(`**${formatUtc(e.time, !sameDay)}** (${formatOffset(e.time - startMs)}) · ${kind} · ${e.author} — `, e.text));
    for (const link of e.links) out.push(`  - ${link}`);
  }
  out.push('');

  out.push('## Hypotheses', '');
  if (hypotheses.length === 0) out.push('No hypotheses were written down.', '');
  for (const h of hypotheses) out.push(...renderHypothesis(h, entries, when), '');

  out.push('## Contributing factors', '');
  for (const h of confirmed) out.push(...listItem(`${h.id}: ${firstLine(h.text)} — confirmed: `, h.verdict?.reason ?? ''));
  if (confirmed.length > 0) out.push('');
  out.push('<!-- Which conditions in the system made this possible or made it worse? Name mechanisms, not people. -->', '');

  out.push('## What went well', '', '<!-- What helped: tools, alerts, runbooks, people being reachable? -->', '');
  out.push('## What went wrong', '', '<!-- Where did the system or the process make the work harder? -->', '');
  out.push('## Where we got lucky', '', '<!-- What could easily have gone worse, and why did it not? -->', '');

  out.push('## Follow-ups', '');
  const followups = ordered.filter((e) => e.kind === 'followup');
  for (const f of followups) out.push(...listItem('[ ] ', `${f.text} (raised by ${f.author}, ${formatUtc(f.time, true)})`));
  for (const h of hypotheses.filter((x) => x.state === 'open')) out.push(`- [ ] Settle open hypothesis ${h.id}: ${firstLine(h.text)}`);
  if (followups.length === 0 && !hypotheses.some((h) => h.state === 'open')) {
    out.push('- [ ] <!-- Each follow-up: one owner, one concrete change. -->');
  }
  out.push('');
  return out.join('\n');
}

function renderHypothesis(h: Hypothesis, entries: readonly ParsedEntry[], when: (ms: number) => string): string[] {
  const out = listItem(`**${h.id}** (${h.state}): `, h.text);
  out.push(`  - Raised at ${when(h.time)} by ${h.author}`);
  for (const index of h.related) {
    const e = entries[index];
    if (e) out.push(...listItem(`${e.kind === 'evidence' ? 'Evidence' : capitalize(e.kind)} at ${when(e.time)}: `, e.text, '  '));
  }
  for (const v of h.verdicts) {
    const latest = v === h.verdict ? '' : ' (later superseded)';
    out.push(...listItem(`${capitalize(v.state)} at ${when(v.time)} by ${v.author}${latest}: `, v.reason, '  '));
  }
  if (h.state === 'open') out.push('  - Still open: neither confirmed nor refuted.');
  return out;
}

/** A list item whose text may span lines: continuation lines are indented under the item. */
function listItem(prefix: string, text: string, indent = ''): string[] {
  const [first = '', ...rest] = text.split('\n');
  const pad = `${indent}  `;
  return [`${indent}- ${prefix}${first}`, ...rest.map((l) => (l ? pad + l : ''))];
}

function quote(text: string): string[] {
  return text.split('\n').map((l) => (l ? `> ${l}` : '>'));
}

function statusTime(entries: readonly ParsedEntry[], status: string): number | undefined {
  const re = new RegExp(`\\b${status}\\b`, 'i');
  return entries.find((e) => e.kind === 'status' && re.test(e.text))?.time;
}

function timeOf(value: string | undefined): number | undefined {
  return value === undefined ? undefined : parseTimestamp(value);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `14:02:11`, or `2026-11-23 14:02:11 UTC` with the date. */
export function formatUtc(ms: number, withDate: boolean): string {
  const iso = new Date(ms).toISOString();
  return withDate ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : iso.slice(11, 19);
}

/** `+00:12`, `+26:05`, `-00:03`: hours and whole minutes from the start. */
export function formatOffset(deltaMs: number): string {
  const sign = deltaMs < 0 ? '-' : '+';
  const minutes = Math.floor(Math.abs(deltaMs) / MINUTE);
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** `45 min`, `1 h 23 min`, `2 d 3 h`, `under a minute`. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / MINUTE);
  if (minutes < 1) return 'under a minute';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return mins > 0 ? `${hours} h ${mins} min` : `${hours} h`;
  return `${mins} min`;
}
