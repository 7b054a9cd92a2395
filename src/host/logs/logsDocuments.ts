import * as vscode from 'vscode';
import { framesOfEntry } from '../../core/logs/frames';
import { entryTemplate, templateId } from '../../core/logs/normalize';
import { mapFrameToFile, WorkspaceFileIndex } from '../../core/frames/mapFrame';
import type { LogEntry, LogReadResult } from '../../core/model/logs';
import type { LogsModel } from './logsModel';

export const LOGS_SCHEME = 'incident-desk-logs';
const CONTEXT = 2;
const MAX_SHOWN = 200;

/** What a document shows: one signature's entries, or the entries of a finding's period. */
export interface EntriesTarget {
  source: string;
  signatureId?: string;
  period?: { start: number; end: number };
  title: string;
}

export function entriesUri(t: EntriesTarget): vscode.Uri {
  const safe = (s: string): string => s.replace(/[^\w.-]+/g, '_').slice(0, 60) || 'entries';
  return vscode.Uri.from({ scheme: LOGS_SCHEME, path: `/${safe(t.source)}/${safe(t.title)}.log`, query: new URLSearchParams({ s: t.source, sig: t.signatureId ?? '', a: String(t.period?.start ?? ''), b: String(t.period?.end ?? ''), t: String(Date.now()) }).toString() });
}

/** The matching entries of the last read, each with the entries just before and after it. */
export function renderEntries(result: LogReadResult, match: (e: LogEntry) => boolean, title: string): string {
  const lines = [`# ${title}`, `# source: ${result.source}; entries kept from the window: ${result.entries.length}${result.entriesDropped ? ` (+${result.entriesDropped} not kept)` : ''}`, ''];
  const hits: number[] = [];
  result.entries.forEach((e, i) => match(e) && hits.push(i));
  if (!hits.length) lines.push('(no matching entries among those kept; the signature\'s example follows)');
  let shownUpTo = -1;
  for (const i of hits.slice(0, MAX_SHOWN)) {
    const from = Math.max(shownUpTo + 1, i - CONTEXT);
    if (from > shownUpTo + 1 && shownUpTo >= 0) lines.push('…');
    for (let j = from; j <= Math.min(result.entries.length - 1, i + CONTEXT); j++) {
      const e = result.entries[j];
      const where = e.file ? ` ${e.file}${e.line ? `:${e.line}` : ''}` : '';
      lines.push(`${j === i ? '>>' : '  '} [${e.time !== undefined ? new Date(e.time).toISOString() : 'no time'}] ${e.level.toUpperCase()}${where}`);
      lines.push(...e.raw.split('\n').map((l) => `   ${l}`));
      shownUpTo = j;
    }
  }
  if (hits.length > MAX_SHOWN) lines.push(`… ${hits.length - MAX_SHOWN} more`);
  return lines.join('\n') + '\n';
}

export class LogsDocumentProvider implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider {
  private index: Promise<WorkspaceFileIndex> | undefined;

  constructor(private readonly model: LogsModel) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const q = new URLSearchParams(uri.query);
    const entry = this.model.sources.find((s) => s.config.name === q.get('s'));
    if (!entry || entry.state.kind !== 'done') return '# This read is no longer available; refresh the Logs view.\n';
    const result = entry.state.result;
    const sig = q.get('sig');
    const a = Number(q.get('a'));
    const b = Number(q.get('b'));
    if (sig) {
      const signature = result.signatures.find((s) => s.id === sig);
      const text = renderEntries(result, (e) => templateId(entryTemplate(e)) === sig, signature ? signature.template : sig);
      return signature && !text.includes('>>') ? text + signature.example.raw + '\n' : text;
    }
    return renderEntries(result, (e) => e.time !== undefined && e.time >= a && e.time <= b, `entries ${new Date(a).toISOString()} – ${new Date(b).toISOString()}`);
  }

  async provideDocumentLinks(doc: vscode.TextDocument): Promise<vscode.DocumentLink[]> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return [];
    const index = await this.fileIndex();
    const links: vscode.DocumentLink[] = [];
    for (let i = 0; i < doc.lineCount && links.length < 500; i++) {
      const text = doc.lineAt(i).text;
      if (!/\d/.test(text)) continue;
      const fake: LogEntry = { time: undefined, level: 'error', message: text, raw: text, source: '', lineCount: 1, parsed: true };
      for (const frame of framesOfEntry(fake)) {
        if (frame.internal) continue;
        const m = mapFrameToFile({ absPath: frame.file.replace(/^file:\/\//, '') }, index);
        if (m.kind !== 'unique') continue;
        const at = text.indexOf(frame.file);
        if (at < 0) continue;
        const target = vscode.Uri.joinPath(folder.uri, m.path).with({ fragment: frame.line ? `L${frame.line}${frame.column ? `,${frame.column}` : ''}` : '' });
        const link = new vscode.DocumentLink(new vscode.Range(i, at, i, at + frame.file.length), target);
        link.tooltip = `Open ${m.path}${frame.line ? ` at line ${frame.line}` : ''}`;
        links.push(link);
      }
    }
    return links;
  }

  /** Workspace files, listed once per refresh of the view. */
  private fileIndex(): Promise<WorkspaceFileIndex> {
    this.index ??= Promise.resolve(vscode.workspace.findFiles('**/*', '**/{node_modules,.git}/**', 50_000).then((uris) => new WorkspaceFileIndex(uris.map((u) => vscode.workspace.asRelativePath(u, false)))));
    return this.index;
  }

  forgetFiles(): void {
    this.index = undefined;
  }
}
