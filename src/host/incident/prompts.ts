import * as vscode from 'vscode';
import type { EntryKind, Hypothesis, Severity } from '../../core/model/incident';
import type { IncidentFile } from './incidentStore';
import { incidentDescription, incidentTitle, inertText, normalizeLink, parseServices } from '../../core/timeline/incidentText';
import { orderHypotheses } from './timelineTree';

/** The quick inputs of the incident commands. Each returns undefined when the person cancels. */

export const LOGGABLE_KINDS: { kind: EntryKind; label: string; detail: string }[] = [
  { kind: 'observation', label: '$(eye) Observation', detail: 'What you see: an error rate, a log line, a customer report' },
  { kind: 'hypothesis', label: '$(lightbulb) Hypothesis', detail: 'What you think is causing it; it gets an id (H1, H2 …) to confirm or refute' },
  { kind: 'decision', label: '$(milestone) Decision', detail: 'What was decided, and why' },
  { kind: 'action', label: '$(zap) Action', detail: 'What was done: a rollback, a restart, a flag turned off' },
  { kind: 'note', label: '$(note) Note', detail: 'Anything else worth keeping' },
  { kind: 'followup', label: '$(tasklist) Follow-up', detail: 'Something to fix afterwards; it goes into the postmortem' },
  { kind: 'evidence', label: '$(pin) Evidence', detail: 'A fact for or against a hypothesis' },
];

const SEVERITY_ITEMS: { label: Severity; description: string }[] = [
  { label: 'SEV1', description: 'Critical: the service is down or data is at risk for many users' },
  { label: 'SEV2', description: 'Major: a core feature is broken or badly degraded' },
  { label: 'SEV3', description: 'Minor: partial degradation, a workaround exists' },
  { label: 'SEV4', description: 'Low: cosmetic or internal, no customer impact' },
];

const required = (what: string) => (v: string): string | undefined => (v.trim() ? undefined : `${what} cannot be empty.`);

export async function askTitle(): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Start Incident (1/4): title',
    prompt: 'What is broken, in a few words, as users see it',
    placeHolder: 'e.g. Checkout returns 500 for some orders',
    validateInput: required('The title'),
    ignoreFocusOut: true,
  });
}

export async function askSeverity(): Promise<Severity | undefined> {
  const pick = await vscode.window.showQuickPick(SEVERITY_ITEMS, { title: 'Start Incident (2/4): severity', placeHolder: 'How bad is it?', ignoreFocusOut: true });
  return pick?.label;
}

/**
 * Services as free text (`checkout, payments`), with the services of earlier incidents offered
 * for the name being typed. Enter on the first row takes what is typed.
 */
export function askServices(suggestions: readonly string[]): Promise<string[] | undefined> {
  type Item = vscode.QuickPickItem & { service?: string; done?: boolean };
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = 'Start Incident (3/4): affected services';
  qp.placeholder = 'Type service names separated by commas, or press Enter to skip';
  qp.ignoreFocusOut = true;
  qp.matchOnDescription = false;
  const render = (): void => {
    const names = parseServices(qp.value);
    const last = qp.value.split(',').pop()?.trim().toLowerCase() ?? '';
    const done: Item = {
      label: names.length ? `$(check) Use: ${inertText(names.join(', '))}` : '$(check) No services (skip)',
      done: true,
      alwaysShow: true,
    };
    const taken = new Set(names.map((n) => n.toLowerCase()));
    const offered = suggestions
      .filter((s) => !taken.has(s.toLowerCase()) || s.toLowerCase() === last)
      .filter((s) => !last || s.toLowerCase().includes(last))
      .filter((s) => s.toLowerCase() !== last)
      .slice(0, 20)
      .map((s): Item => ({ label: inertText(s), service: s, description: 'from earlier incidents', alwaysShow: true }));
    qp.items = [done, ...offered];
    qp.activeItems = [done];
  };
  render();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: string[] | undefined): void => {
      if (settled) return;
      settled = true;
      resolve(value);
      qp.dispose();
    };
    qp.onDidChangeValue(render);
    qp.onDidAccept(() => {
      const item = qp.activeItems[0];
      if (!item || item.done) return finish(parseServices(qp.value));
      // A suggestion completes the name being typed and keeps the picker open for the next one.
      const parts = qp.value.split(',');
      parts[parts.length - 1] = ` ${item.service ?? ''}`;
      qp.value = `${parts.join(',').trim()}, `;
      render();
    });
    qp.onDidHide(() => finish(undefined));
    qp.show();
  });
}

export async function askCommander(defaultName: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Start Incident (4/4): incident commander',
    prompt: 'Who coordinates the response',
    value: defaultName,
    validateInput: required('The commander'),
    ignoreFocusOut: true,
  });
}

export async function askKind(): Promise<EntryKind | undefined> {
  const pick = await vscode.window.showQuickPick(
    LOGGABLE_KINDS.map((k) => ({ label: k.label, detail: k.detail, entryKind: k.kind })),
    { title: 'Log Entry: what is it?', placeHolder: 'Pick the kind of entry (type to filter)', matchOnDetail: false },
  );
  return pick?.entryKind;
}

export async function askText(kind: EntryKind, title = 'Log Entry'): Promise<string | undefined> {
  const prompts: Partial<Record<EntryKind, string>> = {
    observation: 'What do you see?',
    hypothesis: 'What do you think is causing it?',
    decision: 'What was decided, and why?',
    action: 'What was done?',
    followup: 'What should be fixed afterwards?',
    evidence: 'What fact did you find?',
  };
  return vscode.window.showInputBox({ title: `${title}: ${kind}`, prompt: prompts[kind] ?? 'Text of the entry', validateInput: required('The text'), ignoreFocusOut: true });
}

/**
 * The last step of Log Entry: link the selected code (offered when there is a selection), paste a
 * URL or commit SHA, or go without a link. Enter on the first row takes the default.
 */
export function askLink(selection: string | undefined): Promise<{ link?: string } | undefined> {
  type Item = vscode.QuickPickItem & { link?: string };
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = 'Log Entry: link (optional)';
  qp.placeholder = 'Paste a URL or commit SHA to link it, or press Enter';
  const base: Item[] = selection
    ? [{ label: `$(link) Link ${inertText(selection)}`, link: selection, alwaysShow: true }, { label: 'No link', alwaysShow: true }]
    : [{ label: 'No link', alwaysShow: true }];
  const render = (): void => {
    const typed = normalizeLink(qp.value);
    qp.items = typed ? [{ label: `$(link) Link ${inertText(typed)}`, link: typed, alwaysShow: true }, ...base] : base;
    qp.activeItems = [qp.items[0]!];
  };
  render();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: { link?: string } | undefined): void => {
      if (settled) return;
      settled = true;
      resolve(value);
      qp.dispose();
    };
    qp.onDidChangeValue(render);
    qp.onDidAccept(() => finish({ link: qp.activeItems[0]?.link }));
    qp.onDidHide(() => finish(undefined));
    qp.show();
  });
}

/** Hypotheses to pick from: open ones first, settled ones after a separator (a verdict may be reversed). */
export async function askHypothesis(hypotheses: readonly Hypothesis[], title: string, optional = false): Promise<{ id?: string } | undefined> {
  type Item = vscode.QuickPickItem & { id?: string };
  const ordered = orderHypotheses(hypotheses);
  const items: Item[] = [];
  if (optional) items.push({ label: 'No hypothesis', description: 'not about a particular hypothesis' });
  ordered.forEach((h, i) => {
    if (h.state !== 'open' && (i === 0 || ordered[i - 1]!.state === 'open')) items.push({ label: 'Already settled', kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: `${h.id}: ${inertText(h.text.split('\n')[0] ?? '', 120)}`, description: h.state, detail: h.verdict ? inertText(`${h.verdict.state}: ${h.verdict.reason}`, 200) : undefined, id: h.id });
  });
  const pick = await vscode.window.showQuickPick(items, { title, placeHolder: 'Pick a hypothesis (open ones first)' });
  return pick ? { id: pick.id } : undefined;
}

export async function askReason(verb: 'confirm' | 'refute', id: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: `${verb === 'confirm' ? 'Confirm' : 'Refute'} ${id}`,
    prompt: verb === 'confirm' ? 'What confirmed it? (required)' : 'What refuted it? (required)',
    validateInput: (v) => (v.trim() ? undefined : 'Say why: the reason is what makes the timeline useful later.'),
    ignoreFocusOut: true,
  });
}

export type IncidentPick = { file: IncidentFile } | { start: true };

export async function pickIncident(files: readonly IncidentFile[], activeUri: string | undefined, title = 'Switch Incident'): Promise<IncidentPick | undefined> {
  type Item = vscode.QuickPickItem & { pick: IncidentPick };
  const now = Date.now();
  const icons: Record<string, string> = { investigating: '$(flame)', mitigated: '$(shield)', resolved: '$(pass)' };
  const items: Item[] = files.map((file) => {
    const meta = file.parsed.meta;
    const active = file.uri.toString() === activeUri;
    return {
      label: `${icons[meta.status ?? 'investigating']} ${inertText(incidentTitle(meta, file.name), 120)}`,
      description: `${incidentDescription(meta, now)}${active ? ' · active' : ''}`,
      detail: inertText(file.name),
      pick: { file },
    };
  });
  items.push({ label: '$(add) Start a new incident…', pick: { start: true } });
  const pick = await vscode.window.showQuickPick(items, { title, placeHolder: 'Pick the incident to work on', matchOnDetail: true });
  return pick?.pick;
}

export async function askStatus(current: string | undefined): Promise<'investigating' | 'mitigated' | 'resolved' | undefined> {
  const items = [
    { label: '$(flame) Investigating', status: 'investigating' as const, description: 'still finding out what is wrong' },
    { label: '$(shield) Mitigated', status: 'mitigated' as const, description: 'the impact is stopped; the cause may not be fixed yet' },
    { label: '$(pass) Resolved', status: 'resolved' as const, description: 'over; records the resolved time' },
  ].map((i) => ({ ...i, description: i.status === current ? `${i.description} (current)` : i.description }));
  const pick = await vscode.window.showQuickPick(items, { title: 'Set Incident Status', placeHolder: `Now: ${current ?? 'investigating'}` });
  return pick?.status;
}
