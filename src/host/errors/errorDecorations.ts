import * as vscode from 'vscode';
import type { ErrorIssue } from '../../core/model/errors';
import { displayText } from '../../core/changes/display';
import { shiftLineByEdits } from '../../core/frames/lineShift';
import type { ErrorsModel } from './errorsModel';
import type { FrameFiles } from './frameFiles';
import { count } from './errorsTree';

/** One line of a workspace file that an in-app frame of a current issue points at. */
export interface FrameMark {
  /** 0-based, shifted as the document is edited. */
  line: number;
  issue: ErrorIssue;
  exception: string;
}

/**
 * Gutter marks and end-of-line notes on the lines where current issues threw or passed through,
 * with a hover that links to the issue in Sentry. Lines follow edits; marks go with the issues.
 */
export class ErrorDecorations implements vscode.Disposable {
  private decorationType?: vscode.TextEditorDecorationType;
  private marks = new Map<string, FrameMark[]>();
  private readonly subscriptions: vscode.Disposable[];
  private generation = 0;

  constructor(
    private readonly model: ErrorsModel,
    private readonly files: FrameFiles,
    private readonly gutterIcon: () => vscode.Uri,
  ) {
    this.subscriptions = [
      model.onDidChange(() => void this.rebuild()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.applyAll()),
      vscode.workspace.onDidChangeTextDocument((e) => this.shift(e)),
    ];
  }

  /** Marks per document uri, for tests and the API. */
  snapshot(): Record<string, { line: number; text: string }[]> {
    const out: Record<string, { line: number; text: string }[]> = {};
    for (const [uri, marks] of this.marks) out[uri] = marks.map((m) => ({ line: m.line + 1, text: noteText(m) }));
    return out;
  }

  async rebuild(): Promise<void> {
    const gen = ++this.generation;
    const s = this.model.state;
    const next = new Map<string, FrameMark[]>();
    if (s.kind === 'ready') {
      for (const issue of s.issues) {
        const ev = this.model.readyEvents.get(issue.id);
        if (ev?.kind !== 'ready') continue;
        for (const ex of ev.event.exceptions) {
          for (const frame of ex.frames) {
            if (!frame.inApp || !frame.lineno) continue;
            const { uris } = await this.files.resolve(frame);
            if (uris.length !== 1) continue;
            const key = uris[0].toString();
            const list = next.get(key) ?? [];
            const line = frame.lineno - 1;
            if (!list.some((m) => m.line === line && m.issue.id === issue.id)) list.push({ line, issue, exception: `${ex.type}: ${ex.value}` });
            next.set(key, list);
          }
        }
      }
    }
    if (gen !== this.generation) return;
    this.marks = next;
    this.applyAll();
  }

  /** Created on first use, so activation does not build it. */
  private get type(): vscode.TextEditorDecorationType {
    return (this.decorationType ??= vscode.window.createTextEditorDecorationType({
      gutterIconPath: this.gutterIcon(),
      gutterIconSize: 'contain',
      overviewRulerColor: new vscode.ThemeColor('editorError.foreground'),
      overviewRulerLane: vscode.OverviewRulerLane.Right,
      isWholeLine: true,
      after: { color: new vscode.ThemeColor('editorError.foreground'), margin: '0 0 0 2em', fontStyle: 'italic' },
    }));
  }

  private applyAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.apply(editor);
  }

  private apply(editor: vscode.TextEditor): void {
    const marks = this.marks.get(editor.document.uri.toString()) ?? [];
    if (marks.length === 0 && !this.decorationType) return;
    const byLine = new Map<number, FrameMark[]>();
    for (const m of marks) if (m.line < editor.document.lineCount) byLine.set(m.line, [...(byLine.get(m.line) ?? []), m]);
    const options: vscode.DecorationOptions[] = [...byLine].map(([line, ms]) => {
      const top = [...ms].sort((a, b) => b.issue.count - a.issue.count)[0];
      const more = ms.length > 1 ? ` (+${ms.length - 1} more)` : '';
      return {
        range: new vscode.Range(line, 0, line, 0),
        hoverMessage: ms.map(hover),
        renderOptions: { after: { contentText: `${noteText(top)}${more}` } },
      };
    });
    editor.setDecorations(this.type, options);
  }

  /** Keeps marks on their lines while the document is edited above or around them. */
  private shift(e: vscode.TextDocumentChangeEvent): void {
    const marks = this.marks.get(e.document.uri.toString());
    if (!marks || e.contentChanges.length === 0) return;
    const edits = e.contentChanges.map((c) => ({ startLine: c.range.start.line, startCharacter: c.range.start.character, endLine: c.range.end.line, text: c.text }));
    for (const m of marks) m.line = shiftLineByEdits(m.line, edits);
    for (const editor of vscode.window.visibleTextEditors) if (editor.document === e.document) this.apply(editor);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.decorationType?.dispose();
  }
}

function noteText(m: FrameMark): string {
  return displayText(`⚠ ${count(m.issue.count)} events · ${m.exception}`, 120);
}

function hover(m: FrameMark): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown('$(error) **').appendText(`${m.issue.shortId}: ${displayText(m.issue.title)}`).appendMarkdown('**\n\n');
  md.appendText(`${count(m.issue.count)} events · ${count(m.issue.userCount)} users · ${displayText(m.exception, 200)}`).appendMarkdown('\n\n');
  if (m.issue.permalink) md.appendMarkdown(`[Open in Sentry](${m.issue.permalink.replace(/[()\s<>]/g, (c) => encodeURIComponent(c))})`);
  md.supportThemeIcons = true;
  return md;
}
