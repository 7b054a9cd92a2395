import * as vscode from 'vscode';
import type { ErrorIssue, ExceptionInfo, StackFrame } from '../../core/model/errors';
import { appFramesFirst } from '../../core/model/errors';
import { displayText } from '../../core/changes/display';
import { formatAbsoluteUtc, formatRelative } from '../../core/changes/timeWindow';
import { Commands } from '../../core/ids';
import { statusRow } from '../sources/sourceStatus';
import type { ErrorsModel } from './errorsModel';
import type { FrameFiles } from './frameFiles';

export type ErrorNode =
  | { type: 'message'; id: string; text: string; icon: string; tooltip?: string; command?: vscode.Command }
  | { type: 'issue'; issue: ErrorIssue }
  | { type: 'exception'; issue: ErrorIssue; exception: ExceptionInfo; index: number }
  | { type: 'frame'; issue: ErrorIssue; frame: StackFrame; key: string; path?: string; ambiguous: number };

const LEVEL_ICONS: Record<string, [string, string]> = {
  fatal: ['flame', 'errorForeground'],
  error: ['error', 'errorForeground'],
  warning: ['warning', 'editorWarning.foreground'],
  info: ['info', 'editorInfo.foreground'],
  debug: ['debug', 'descriptionForeground'],
  unknown: ['circle-outline', 'descriptionForeground'],
};

export const count = (n: number): string => n.toLocaleString('en-US');

/** Renders the ErrorsModel; holds no data of its own. */
export class ErrorsTreeProvider implements vscode.TreeDataProvider<ErrorNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ErrorNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly model: ErrorsModel,
    private readonly files: FrameFiles,
  ) {
    this.subscription = model.onDidChange(() => this.emitter.fire(undefined));
  }

  async getChildren(node?: ErrorNode): Promise<ErrorNode[]> {
    if (!node) {
      await this.model.ensureLoaded();
      return this.rootNodes();
    }
    if (node.type === 'issue') {
      const s = await this.model.event(node.issue.id);
      if (s.kind === 'error') {
        const row = statusRow('Sentry', s.error);
        return [{ type: 'message', id: `${node.issue.id}|err`, text: `Latest event: ${row.text}`, icon: row.icon, tooltip: row.tooltip, command: row.command }];
      }
      const ex = s.event.exceptions;
      if (ex.length === 0) return [{ type: 'message', id: `${node.issue.id}|noex`, text: 'The latest event has no stack trace.', icon: 'info' }];
      return ex.map((exception, index) => ({ type: 'exception', issue: node.issue, exception, index }));
    }
    if (node.type === 'exception') {
      const frames = appFramesFirst(node.exception.frames);
      const out: ErrorNode[] = [];
      for (const frame of frames) {
        const { match, uris } = await this.files.resolve(frame);
        const path = uris.length ? vscode.workspace.asRelativePath(uris[0], false) : undefined;
        out.push({ type: 'frame', issue: node.issue, frame, key: `${node.issue.id}|${node.index}|${frame.index}`, path, ambiguous: match.kind === 'ambiguous' ? uris.length : 0 });
      }
      if (out.length === 0) out.push({ type: 'message', id: `${node.issue.id}|${node.index}|noframes`, text: 'No stack frames were captured.', icon: 'info' });
      return out;
    }
    return [];
  }

  private rootNodes(): ErrorNode[] {
    const s = this.model.state;
    switch (s.kind) {
      case 'idle':
      case 'notConfigured':
        return []; // the welcome content says what to do
      case 'loading':
        return [{ type: 'message', id: 'loading', text: 'Reading Sentry issues…', icon: 'loading~spin' }];
      case 'error': {
        const row = statusRow('Sentry', s.error);
        return [{ type: 'message', id: 'status', text: row.text, icon: row.icon, tooltip: row.tooltip ?? s.error.message, command: row.command }];
      }
      case 'ready': {
        if (s.issues.length === 0) return [{ type: 'message', id: 'none', text: `No unresolved issues in ${s.window.label}.`, icon: 'check' }];
        const out: ErrorNode[] = s.issues.map((issue) => ({ type: 'issue', issue }));
        if (s.truncated) out.push({ type: 'message', id: 'truncated', text: `Only the first ${s.issues.length} issues are shown.`, icon: 'ellipsis' });
        return out;
      }
    }
  }

  getTreeItem(node: ErrorNode): vscode.TreeItem {
    const now = Date.now();
    switch (node.type) {
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.id = `message|${node.id}`;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.tooltip = node.tooltip;
        item.command = node.command;
        item.contextValue = 'message';
        return item;
      }
      case 'issue': {
        const i = node.issue;
        const item = new vscode.TreeItem(displayText(i.title, 64), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `issue|${i.id}`;
        const [icon, color] = node.issue.isNew ? ['sparkle', 'errorForeground'] : (LEVEL_ICONS[i.level] ?? LEVEL_ICONS.unknown);
        item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
        const seen = i.lastSeen ? `last ${formatRelative(i.lastSeen, now)}` : '';
        item.description = [i.isNew ? 'NEW' : '', `${count(i.count)} events`, `${count(i.userCount)} users`, seen, displayText(i.culprit)].filter(Boolean).join(' · ');
        item.tooltip = issueTooltip(i, now);
        item.contextValue = i.permalink ? 'issue.link' : 'issue';
        item.accessibilityInformation = { label: `${i.isNew ? 'New issue' : 'Issue'} ${i.shortId}: ${displayText(i.title)}, ${count(i.count)} events, ${count(i.userCount)} users` };
        return item;
      }
      case 'exception': {
        const e = node.exception;
        const item = new vscode.TreeItem(displayText(e.type || 'Error'), node.index === 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `exception|${node.issue.id}|${node.index}`;
        item.description = displayText(e.value);
        item.iconPath = new vscode.ThemeIcon(node.index === 0 ? 'bug' : 'arrow-small-right');
        item.tooltip = node.index === 0 ? displayText(e.value) : `Caused by (${e.mechanism?.source ?? 'chained'}): ${displayText(e.value)}`;
        if (node.index > 0) item.label = `caused by ${displayText(e.type || 'Error')}`;
        return item;
      }
      case 'frame': {
        const f = node.frame;
        const where = `${f.filename ?? f.absPath ?? f.module ?? '?'}${f.lineno ? `:${f.lineno}` : ''}`;
        const item = new vscode.TreeItem(displayText(f.function || '<anonymous>'), vscode.TreeItemCollapsibleState.None);
        item.id = `frame|${node.key}`;
        if (node.path) {
          item.description = `${node.path}${f.lineno ? `:${f.lineno}` : ''}${node.ambiguous > 1 ? ` · ${node.ambiguous} matches` : ''}`;
          item.iconPath = new vscode.ThemeIcon(f.inApp ? 'debug-stackframe' : 'library');
          item.command = { command: Commands.errorsOpenFrame, title: 'Open Frame', arguments: [f] };
          item.tooltip = `${displayText(where)}\nClick to open the local file at this line.`;
          item.contextValue = 'frame.mapped';
        } else {
          item.description = `${displayText(where)} · not in workspace`;
          item.iconPath = new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
          item.tooltip = `${displayText(where)}\nNo workspace file matches this frame${f.inApp ? '. Add a prefix to incidentDesk.frames.stripPrefixes if the server path differs.' : ' (library code).'}`;
          item.contextValue = 'frame.unmapped';
        }
        return item;
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

function issueTooltip(i: ErrorIssue, now: number): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = false;
  md.appendMarkdown('**').appendText(`${i.shortId} · ${displayText(i.title)}`).appendMarkdown('**\n\n');
  if (i.culprit) md.appendText(displayText(i.culprit)).appendMarkdown('\n\n');
  md.appendText(`${i.level} · ${count(i.count)} events · ${count(i.userCount)} users`).appendMarkdown('\n\n');
  if (i.firstSeen) md.appendText(`First seen ${formatRelative(i.firstSeen, now)} (${formatAbsoluteUtc(i.firstSeen)})`).appendMarkdown('\n\n');
  if (i.lastSeen) md.appendText(`Last seen ${formatRelative(i.lastSeen, now)} (${formatAbsoluteUtc(i.lastSeen)})`).appendMarkdown('\n\n');
  if (i.isNew) md.appendText('New: first seen in the window or after the latest deploy.').appendMarkdown('\n\n');
  return md;
}
