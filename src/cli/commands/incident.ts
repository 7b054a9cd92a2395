/**
 * Writing the incident record from a terminal: `start`, `log`, `confirm`, `refute`, `resolve`.
 * The same file, format and lock as the extension: an entry appended here while the editor
 * appends to the same file is never lost.
 */
import * as path from 'path';
import type { EntryKind, IncidentStatus, Severity } from '../../core/model/incident';
import { parseIncident } from '../../core/timeline/parse';
import { SEVERITIES } from '../../core/model/incident';
import { appendEntryToFile } from '../../core/timeline/fileAppend';
import { editIncidentFile } from '../../core/timeline/fileEdit';
import { createIncidentFile, incidentFileName } from '../../core/timeline/create';
import { writeNewIncidentFile } from '../../core/timeline/incidentFolder';
import { incidentTitle, normalizeLink, parseServices } from '../../core/timeline/incidentText';
import { applyStatusChange } from '../../core/timeline/status';
import { authorName } from '../../sources/git/incidentGit';
import { INCIDENT_FLAG, list, str } from '../args';
import type { CommandContext, CommandSpec } from '../context';
import { usageError } from '../exitCodes';
import { incidentsFolder, readIncidentAt, targetIncident } from '../incidentTarget';
import { safe } from '../output';

const shown = (file: string): string => path.relative(process.cwd(), file) || file;

/** `2`, `sev2`, `SEV2` → SEV2. */
export function readSeverity(value: string | undefined): Severity {
  const v = (value ?? '').trim().toUpperCase();
  const sev = /^\d$/.test(v) ? `SEV${v}` : v;
  if (!SEVERITIES.includes(sev as Severity)) throw usageError(`--sev must be one of 1, 2, 3, 4 (or ${SEVERITIES.join(', ')}), not '${value ?? ''}'.`);
  return sev as Severity;
}

export const startCommand: CommandSpec = {
  name: 'start',
  brief: 'Start an incident: a new file in the incidents folder',
  usage: 'start "<title>" --sev <1-4> [--service <name>]… [--commander <name>]',
  summary: 'Starts an incident: a new markdown file in the incidents folder (incidentDesk.incidentsFolder), status investigating.',
  flags: {
    sev: { type: 'string', value: '<1-4>', help: 'Severity: 1 (worst) to 4, or SEV1…SEV4' },
    service: { type: 'string', multiple: true, value: '<name>', help: 'Affected service (repeatable, or comma-separated)' },
    commander: { type: 'string', value: '<name>', help: 'Incident commander (default: git user.name)' },
  },
  extra: 'Example:\n  incident-desk start "Checkout returns 500s" --sev 2 --service checkout',
  async run(ctx) {
    const { flags, ws, out, now } = ctx;
    const title = flags.positionals.join(' ').trim();
    if (!title) throw usageError('start: give the incident a title: incident-desk start "Checkout returns 500s" --sev 2');
    if (flags.values.sev === undefined) throw usageError('start: --sev is required (1 to 4).');
    const severity = readSeverity(str(flags.values.sev));
    const services = parseServices(list(flags.values.service).join(','));
    const commander = str(flags.values.commander)?.trim() || (await authorName(ws.root));
    const text = createIncidentFile({ title, severity, services, commander, started: now });
    const file = await writeNewIncidentFile(incidentsFolder(ws, out), incidentFileName(now, title), text);
    if (out.json) out.printJson({ file, title, severity, services, commander, started: new Date(now).toISOString() });
    else out.line(`${out.c.green('Started')} ${severity} ${safe(title)} → ${shown(file)}`);
    return 0;
  },
};

const LOG_KINDS: readonly EntryKind[] = ['observation', 'hypothesis', 'decision', 'action', 'note', 'evidence', 'followup'];

export const logCommand: CommandSpec = {
  name: 'log',
  brief: 'Append an observation, hypothesis, decision, action or note',
  usage: `log <${LOG_KINDS.slice(0, 5).join('|')}> "<text>" [--link <ref>]…`,
  summary: `Appends an entry to the incident's timeline, by git user.name, at the current time. Kinds: ${LOG_KINDS.join(', ')}.\nA hypothesis gets the next free id (H1, H2, …).`,
  flags: {
    ...INCIDENT_FLAG,
    link: { type: 'string', multiple: true, value: '<ref>', help: 'A path:line, commit SHA or URL (repeatable)' },
    hypothesis: { type: 'string', value: '<H#>', help: 'For evidence: the hypothesis it is about' },
    author: { type: 'string', value: '<name>', help: 'Author (default: git user.name)' },
  },
  extra: 'Examples:\n  incident-desk log observation "p99 latency of /checkout at 4s since 14:02"\n  incident-desk log hypothesis "The retry change in #42 overloads payments" --link a1b2c3d4',
  async run(ctx) {
    const [kindWord, ...rest] = ctx.flags.positionals;
    const kind = kindWord?.toLowerCase() as EntryKind | undefined;
    if (!kind || !LOG_KINDS.includes(kind)) throw usageError(`log: the first argument is the kind: ${LOG_KINDS.join(', ')}${kindWord ? ` (not '${kindWord}')` : ''}.`);
    const text = rest.join(' ');
    if (!text.trim()) throw usageError(`log: the ${kind} needs text: incident-desk log ${kind} "what you saw"`);
    const links = list(ctx.flags.values.link).map((l) => {
      const link = normalizeLink(l);
      if (!link) throw usageError(`log: '${l}' is not a link (a path:line, a commit SHA or a URL, without spaces).`);
      return link;
    });
    const hypothesis = str(ctx.flags.values.hypothesis)?.toUpperCase();
    if (hypothesis && kind !== 'evidence') throw usageError('log: --hypothesis goes with evidence; a new hypothesis gets its id by itself.');
    return appendAndReport(ctx, { kind, text, links, ...(hypothesis ? { hypothesis } : {}) });
  },
};

function verdictCommand(kind: 'confirm' | 'refute'): CommandSpec {
  return {
    name: kind,
    brief: `${kind === 'confirm' ? 'Confirm' : 'Refute'} a hypothesis, with the reason`,
    usage: `${kind} <H#> --reason "<why>"`,
    summary: `${kind === 'confirm' ? 'Confirms' : 'Refutes'} a hypothesis of the incident, with the reason (required). The hypothesis line itself is never rewritten.`,
    flags: { ...INCIDENT_FLAG, reason: { type: 'string', value: '<why>', help: 'What settled it (required)' }, author: { type: 'string', value: '<name>', help: 'Author (default: git user.name)' } },
    extra: `Example:\n  incident-desk ${kind} H2 --reason "${kind === 'confirm' ? 'Reverting #42 brought errors back to baseline' : 'Payments latency was flat the whole time'}"`,
    async run(ctx) {
      const [idWord, ...rest] = ctx.flags.positionals;
      const id = idWord?.toUpperCase();
      if (!id || !/^H\d+$/.test(id)) throw usageError(`${kind}: name the hypothesis, e.g. incident-desk ${kind} H2 --reason "…"`);
      const reason = str(ctx.flags.values.reason) ?? rest.join(' ');
      if (!reason.trim()) throw usageError(`${kind}: a ${kind === 'confirm' ? 'confirmation' : 'refutation'} needs --reason "…".`);
      return appendAndReport(ctx, { kind, text: reason, links: [], hypothesis: id });
    },
  };
}

export const confirmCommand = verdictCommand('confirm');
export const refuteCommand = verdictCommand('refute');

async function appendAndReport(ctx: CommandContext, input: { kind: EntryKind; text: string; links: string[]; hypothesis?: string }): Promise<0> {
  const { ws, out, flags } = ctx;
  const file = await targetIncident(ws, out, str(flags.values.incident), ctx.cwd);
  if (input.hypothesis && input.kind !== 'hypothesis' && !file.parsed.hypotheses.some((h) => h.id === input.hypothesis)) {
    const ids = file.parsed.hypotheses.map((h) => h.id);
    throw usageError(`There is no hypothesis ${input.hypothesis} in ${file.name}${ids.length ? ` (it has ${ids.join(', ')})` : ' (it has none yet)'}.`);
  }
  const author = str(flags.values.author)?.trim() || (await authorName(ws.root));
  const result = await appendEntryToFile(file.path, { ...input, author });
  const e = result.entry;
  if (out.json) {
    out.printJson({ file: result.path, line: result.line, entry: e });
  } else {
    const what = e.kind === 'hypothesis' ? `hypothesis ${e.hypothesis}` : e.hypothesis ? `${e.kind} ${e.hypothesis}` : e.kind;
    out.line(`${out.c.green('Logged')} ${out.c.bold(what)} in ${shown(result.path)}:${result.line}`);
  }
  return 0;
}

export const resolveCommand: CommandSpec = {
  name: 'resolve',
  brief: 'Mark the incident resolved (or mitigated)',
  usage: 'resolve [--status mitigated|resolved]',
  summary: 'Marks the incident resolved (or mitigated): sets status and resolved in the front matter and appends a status entry.',
  flags: { ...INCIDENT_FLAG, status: { type: 'string', value: '<status>', help: 'resolved (default), mitigated or investigating' }, author: { type: 'string', value: '<name>', help: 'Author (default: git user.name)' } },
  async run(ctx) {
    const { ws, out, flags, now } = ctx;
    if (flags.positionals.length) throw usageError(`resolve: unexpected argument '${flags.positionals[0]}'.`);
    const status = (str(flags.values.status) ?? 'resolved').toLowerCase() as IncidentStatus;
    if (status !== 'resolved' && status !== 'mitigated' && status !== 'investigating') throw usageError(`resolve: --status must be resolved, mitigated or investigating, not '${status}'.`);
    const file = await targetIncident(ws, out, str(flags.values.incident), ctx.cwd);
    const author = str(flags.values.author)?.trim() || (await authorName(ws.root));
    let previous = file.parsed.meta.status ?? 'investigating';
    const changed = await editIncidentFile(file.path, (text) => {
      // The file as it is under the lock: another writer may have changed the status meanwhile.
      previous = parseIncident(text).meta.status ?? 'investigating';
      return previous === status ? text : applyStatusChange(text, { status, previous, author, now });
    });
    const after = await readIncidentAt(file.path);
    const title = safe(incidentTitle(after.parsed.meta, after.name));
    if (out.json) out.printJson({ file: file.path, status, previous, changed, resolved: after.parsed.meta.resolved ?? null });
    else out.line(changed ? `${out.c.green(status === 'resolved' ? 'Resolved' : 'Status')} ${title}: ${previous} → ${status}` : `${title} is already ${status}.`);
    return 0;
  },
};
