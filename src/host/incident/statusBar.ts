import * as vscode from 'vscode';
import { Commands } from '../../core/ids';
import type { IncidentStore } from './incidentStore';
import { formatElapsed, incidentTitle, startedAt, statusBarText } from '../../core/timeline/incidentText';

const TICK_MS = 30_000;

/** `$(flame) SEV2 · Checkout errors · 42m` while an incident is active; a click switches incidents. */
export class IncidentStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('incidentDesk.activeIncident', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;
  private timer?: ReturnType<typeof setInterval>;
  /** Whether the item is shown (the API has no getter for it). */
  visible = false;

  constructor(
    private readonly store: IncidentStore,
    private readonly onTick: () => void = () => undefined,
  ) {
    this.item.command = { command: Commands.switchIncident, title: 'Switch Incident' };
    this.subscription = store.onDidChange(() => this.update());
    this.update();
  }

  update(): void {
    const file = this.store.active;
    if (!file) {
      this.item.hide();
      this.visible = false;
      this.stopTicking();
      return;
    }
    const meta = file.parsed.meta;
    const now = Date.now();
    this.item.text = statusBarText(meta, file.name, now);
    const status = meta.status ?? 'investigating';
    const md = new vscode.MarkdownString(undefined, false);
    md.isTrusted = false;
    md.supportHtml = false;
    md.appendText(incidentTitle(meta, file.name));
    md.appendMarkdown('\n\n');
    const started = startedAt(meta);
    const elapsed = started !== undefined && status !== 'resolved' ? ` · ${formatElapsed(now - started)} since it started` : '';
    md.appendText(`${meta.severity ?? 'no severity'} · ${status}${elapsed}`);
    md.appendMarkdown('\n\n');
    md.appendText(`Commander: ${meta.commander ?? 'not set'}`);
    md.appendMarkdown('\n\n');
    md.appendText('Click to switch incidents.');
    this.item.tooltip = md;
    this.item.accessibilityInformation = { label: `Active incident: ${incidentTitle(meta, file.name)}, ${meta.severity ?? ''} ${status}` };
    this.item.backgroundColor = status === 'investigating' && (meta.severity === 'SEV1' || meta.severity === 'SEV2') ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.name = 'Incident Desk: Active Incident';
    this.item.show();
    this.visible = true;
    if (status === 'resolved') this.stopTicking();
    else this.startTicking();
  }

  private startTicking(): void {
    this.timer ??= setInterval(() => {
      this.update();
      this.onTick();
    }, TICK_MS);
  }

  private stopTicking(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.stopTicking();
    this.subscription.dispose();
    this.item.dispose();
  }
}
