/**
 * A first draft of a runbook, written from a resolved incident: front matter whose match rules
 * would have found it during that incident, the confirmed cause, and the actions that worked as
 * steps. It is a draft for a person to review and commit, so every guess is visible in the text.
 *
 * Everything here came from outside (log lines, titles, notes, typed commands). Secrets are
 * redacted. Prose is escaped so it cannot open a code block, a heading or an HTML comment. Each
 * command gets a fence longer than any backtick run inside it, so it cannot close its own block
 * early. The only steps are the recorded commands of actions that worked.
 */

import { stringify } from 'yaml';
import type { IncidentAction, IncidentRunbookInput } from '../model/runbooks';
import { redact } from '../redact';
import { escapeRegExp } from './safeRegex';
import { slugify } from './steps';
import { codeSpan, oneLine } from './text';

/** Signature text kept in a rule; longer ones are cut (the rule still matches as a prefix). */
const MAX_RULE_SOURCE = 200;
const MAX_RULES = 20;

/** A file name for the drafted runbook, e.g. `orders-fail-with-null-partition-key.md`. */
export function runbookFileName(title: string): string {
  return `${slugify(title) || 'runbook'}.md`;
}

/** A lever kind for well-known production-changing commands, or undefined. */
export function guessLeverKind(command: string): string | undefined {
  // Only the start: the patterns below have a `.*` and commands can be long.
  const c = command.slice(0, 1000).toLowerCase();
  if (/\brollout\s+undo\b|\bhelm\s+rollback\b|\brollback\b/.test(c)) return 'rollback';
  if (/\bgit\s+revert\b/.test(c)) return 'revert';
  if (/\brollout\s+restart\b|\bsystemctl\s+restart\b|\brestart\b/.test(c)) return 'restart';
  if (/\bkubectl\s+scale\b|\bscale\b/.test(c)) return 'scale';
  if (/\bflags?\b.*\b(disable|off|false)\b|\b(disable|off)\b.*\bflags?\b/.test(c)) return 'disable-flag';
  if (/\bkill\s+-(hup|1)\b|\breload\b/.test(c)) return 'reload';
  return undefined;
}

/**
 * The rule for one observed text: the text regex-escaped, without anything a redaction would
 * hide (cut before the first secret), or undefined when too little would be left.
 */
function literalRule(text: string): string | undefined {
  const line = (text.split('\n')[0] ?? '').trim();
  const redacted = redact(line);
  let keep = line.length;
  if (redacted !== line) {
    keep = 0;
    while (keep < line.length && line[keep] === redacted[keep]) keep++;
  }
  const kept = line.slice(0, Math.min(keep, MAX_RULE_SOURCE)).trimEnd();
  return kept.length >= 8 ? escapeRegExp(kept) : undefined;
}

function rules(texts: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of texts) {
    const rule = literalRule(t);
    if (rule) out.add(rule);
    if (out.size >= MAX_RULES) break;
  }
  return [...out];
}

/** Prose that renders as the text it is: no HTML, no headings, fences or quotes it did not mean. */
function escapeProse(text: string): string {
  return redact(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .split(/\r?\n/)
    .map((line) => line.replace(/^(\s*)([#>]|`{3,}|~{3,}|-{3,}\s*$|={3,}\s*$)/, '$1\\$2'))
    .join('\n');
}

function fenceFor(command: string): string {
  let longest = 0;
  for (const m of command.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

function worked(action: IncidentAction): boolean {
  return action.exitCode === undefined || action.exitCode === 0;
}

export function renderRunbookFromIncident(input: IncidentRunbookInput): string {
  const title = oneLine(redact(input.title), 120) || 'Untitled runbook';
  const logs = rules(input.logSignatures);
  const errors = rules(input.errorTitles);
  const alerts = rules(input.alertNames ?? []);
  const match: Record<string, string[]> = {};
  if (errors.length > 0) match['errors'] = errors;
  if (logs.length > 0) match['logs'] = logs;
  if (alerts.length > 0) match['alerts'] = alerts;
  const front: Record<string, unknown> = {
    title,
    summary: oneLine(`Drafted from ${input.incidentPath ? `incident ${input.incidentPath}` : 'an incident'}; review the rules and steps before relying on it.`, 200),
  };
  const services = input.services.map((s) => oneLine(s, 80)).filter((s) => s !== '');
  if (services.length > 0) front['services'] = services;
  if (input.severity) front['severity'] = input.severity;
  if (Object.keys(match).length > 0) front['match'] = match;

  const out: string[] = ['---', stringify(front, { lineWidth: 0 }).trimEnd(), '---', '', `# ${escapeProse(title)}`, ''];
  out.push(
    `Drafted from ${input.incidentPath ? `the incident record ${codeSpan(input.incidentPath, 200)}` : 'an incident record'}.`,
    'Check the match rules, mark every step that changes production with `{lever=<kind>}`',
    'after the language, and replace values that were specific to that day with `{{placeholders}}`.',
    '',
    '## Symptoms',
    '',
  );
  const symptoms = [
    ...input.alertNames?.map((a) => `- Alert ${codeSpan(redact(a))}`) ?? [],
    ...input.errorTitles.map((e) => `- Error ${codeSpan(redact(e))}`),
    ...input.logSignatures.map((l) => `- Log signature ${codeSpan(redact(l))}`),
  ];
  out.push(...(symptoms.length > 0 ? symptoms : ['- (none recorded)']), '');

  out.push('## Cause', '');
  const causes = input.confirmedHypotheses.map((h) => `- ${escapeProse(h).replace(/\n/g, '\n  ')}`);
  out.push(...(causes.length > 0 ? causes : ['- (no confirmed hypothesis was recorded)']), '');

  out.push('## Steps', '');
  const good = input.actions.filter(worked);
  if (good.length === 0) out.push('No action was recorded as having worked.', '');
  good.forEach((action, i) => {
    const [first = '', ...rest] = action.text.split(/\r?\n/);
    out.push(`### ${i + 1}. ${escapeProse(oneLine(first, 100)) || 'Action'}`, '');
    if (rest.join('').trim() !== '') out.push(escapeProse(rest.join('\n').trim()), '');
    const recorded = action.command?.trim() ?? '';
    const command = redact(recorded);
    if (command !== '') {
      const lever = guessLeverKind(command);
      const fence = fenceFor(command);
      if (lever) out.push('**Changes production.**', '');
      if (command !== recorded) out.push('A secret was removed from this command (`[redacted]`); put a placeholder in its place before running it.', '');
      out.push(`${fence}bash${lever ? ` {lever=${lever}}` : ''}`, command, fence, '');
    }
  });

  const failed = input.actions.filter((a) => !worked(a));
  if (failed.length > 0) {
    out.push('## Tried, did not help', '');
    for (const a of failed) {
      const cmd = a.command ? `: ${codeSpan(redact(a.command), 200)}` : '';
      out.push(`- ${escapeProse(oneLine(a.text, 160))}${cmd} (exit code ${String(a.exitCode)})`);
    }
    out.push('');
  }

  out.push('## Follow-ups', '', '- [ ] Review this runbook with the owning team.', '- [ ] Link the postmortem.', '');
  return out.join('\n');
}
