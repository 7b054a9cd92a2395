/** `incident-desk timeline`: the incident's record, as the Timeline view shows it. */
import { formatRelative } from '../../core/changes/timeWindow';
import type { ParsedEntry } from '../../core/model/incident';
import { incidentTitle, KIND_LABELS, startedAt } from '../../core/timeline/incidentText';
import { INCIDENT_FLAG, str } from '../args';
import type { CommandSpec } from '../context';
import { usageError } from '../exitCodes';
import { targetIncident } from '../incidentTarget';
import { safe, table, when, type Output } from '../output';

export const timelineCommand: CommandSpec = {
  name: 'timeline',
  brief: "Print the incident's timeline and hypotheses",
  usage: 'timeline [--incident <file>]',
  summary: "Prints the incident's front matter, its timeline entries in file order and its hypotheses with their state.\nProblems in a hand-edited file are reported with line numbers; the file is never changed.",
  flags: { ...INCIDENT_FLAG },
  async run(ctx) {
    const { ws, out, flags, now } = ctx;
    if (flags.positionals.length) throw usageError(`timeline: unexpected argument '${flags.positionals[0]}'.`);
    const file = await targetIncident(ws, out, str(flags.values.incident), ctx.cwd, true);
    const { meta, entries, hypotheses, problems } = file.parsed;
    if (out.json) {
      out.printJson({
        file: file.path,
        meta,
        entries: entries.map((e) => ({ at: e.at, kind: e.kind, author: e.author, text: e.text, links: e.links, ...(e.hypothesis ? { hypothesis: e.hypothesis } : {}), line: e.startLine })),
        hypotheses: hypotheses.map((h) => ({ id: h.id, state: h.state, text: h.text, author: h.author, at: h.at, line: h.line, ...(h.verdict ? { reason: h.verdict.reason } : {}) })),
        problems,
      });
      return 0;
    }
    const { c } = out;
    const started = startedAt(meta);
    out.line(c.bold(safe(incidentTitle(meta, file.name))));
    out.line(
      [meta.severity ?? 'no severity', stateColour(out, meta.status ?? 'investigating'), meta.services.length ? meta.services.map((s) => safe(s, 40)).join(', ') : '', meta.commander ? `commander ${safe(meta.commander, 40)}` : '', started !== undefined ? `started ${when(out, started, now, formatRelative)}` : '']
        .filter(Boolean)
        .join(' · '),
    );
    out.line();
    if (entries.length === 0) out.line(c.dim('No entries yet. Add one: incident-desk log observation "what you see"'));
    const rows = entries.map((e) => [c.dim(out.tty ? formatRelative(e.time, now) : e.at), kindLabel(out, e), safe(e.author, 30), entryText(e)]);
    for (const l of table(rows)) out.line(l);
    if (hypotheses.length) {
      out.line();
      out.line(c.bold('Hypotheses'));
      const hrows = hypotheses.map((h) => [c.bold(h.id), stateColour(out, h.state), safe(h.text.split('\n')[0], 100) + (h.verdict ? c.dim(` (${safe(h.verdict.reason, 80)})`) : '')]);
      for (const l of table(hrows, '  ')) out.line(l);
    }
    for (const p of problems) if (p.severity !== 'info') out.note(`${p.severity}: ${file.name}:${p.line}: ${p.message}`);
    return 0;
  },
};

function entryText(e: ParsedEntry): string {
  const [first = '', ...rest] = e.text.split('\n');
  const more = rest.filter((l) => l.trim()).length;
  return safe(first, 140) + (more ? ` (+${more} line${more > 1 ? 's' : ''})` : '') + (e.links.length ? ` [${e.links.map((l) => safe(l, 80)).join(', ')}]` : '');
}

function kindLabel(out: Output, e: ParsedEntry): string {
  const { c } = out;
  const label = KIND_LABELS[e.kind] + (e.hypothesis ? ` ${e.hypothesis}` : '');
  switch (e.kind) {
    case 'hypothesis':
      return c.cyan(label);
    case 'confirm':
      return c.green(label);
    case 'refute':
      return c.red(label);
    case 'decision':
    case 'action':
      return c.yellow(label);
    case 'status':
      return c.magenta(label);
    default:
      return label;
  }
}

function stateColour(out: Output, state: string): string {
  const { c } = out;
  if (state === 'confirmed' || state === 'resolved') return c.green(state);
  if (state === 'refuted') return c.red(state);
  if (state === 'mitigated') return c.yellow(state);
  if (state === 'investigating') return c.red(state);
  return state;
}
