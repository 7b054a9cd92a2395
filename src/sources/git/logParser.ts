import { StringDecoder } from 'node:string_decoder';
import type { Commit, FileChange, FileStatus } from '../../core/model/changes';
import type { RiskClassifier } from '../../core/changes/risk';

/**
 * The `git log` format we read. Every field is NUL-terminated (`-z` adds the last NUL), and
 * NUL is the one byte a commit subject or a path cannot contain, so message text can never be
 * mistaken for structure. The record starts with a fixed marker token that the parser checks.
 */
export const RECORD_MARKER = '\x1eINCIDENT-DESK';
export const LOG_FORMAT = `--format=${RECORD_MARKER}%x00%H%x00%P%x00%an%x00%ae%x00%at%x00%ct%x00%s%x00%b`;
export const LOG_ARGS = ['log', '-z', '--raw', '--no-abbrev', '-M', '--no-color', '--no-ext-diff', '--no-textconv', LOG_FORMAT];

const HEADER_FIELDS = 8;
const STATUS: Record<string, FileStatus> = { A: 'added', M: 'modified', D: 'deleted', R: 'renamed', C: 'copied', T: 'typechange' };

export interface LogParserOptions {
  classify: RiskClassifier;
  /** Files kept per commit; the rest are only counted (a 10,000-file commit stays light). */
  maxFilesPerCommit: number;
  onCommit: (commit: Commit) => void;
}

type State =
  | { at: 'marker' }
  | { at: 'header'; fields: string[] }
  | { at: 'files'; commit: Commit }
  | { at: 'paths'; commit: Commit; raw: string[]; need: number; got: string[] };

/**
 * Incremental parser over the byte stream of `git log` run with LOG_ARGS. Feed chunks as they
 * arrive; text is decoded as UTF-8 (invalid bytes become U+FFFD, for display only: diffs are
 * read by blob id, never by re-using a decoded path).
 */
export class GitLogParser {
  /** Text after the last NUL seen, waiting for the rest of its token. */
  private pending = '';
  private state: State = { at: 'marker' };
  // Decodes across chunk boundaries (a multi-byte character may be split between chunks).
  private readonly decoder = new StringDecoder('utf8');
  /** Anything that did not look like git's output, kept for the log. */
  readonly anomalies: string[] = [];

  constructor(private readonly options: LogParserOptions) {}

  push(chunk: Buffer): void {
    const text = this.pending + this.decoder.write(chunk);
    let start = 0;
    for (let nul = text.indexOf('\0'); nul >= 0; nul = text.indexOf('\0', start)) {
      this.token(text.slice(start, nul));
      start = nul + 1;
    }
    this.pending = text.slice(start);
  }

  /** Call once the stream has ended. */
  end(): void {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    if (rest) this.token(rest);
    this.finishCommit();
  }

  private token(token: string): void {
    const s = this.state;
    switch (s.at) {
      case 'marker':
        if (token === RECORD_MARKER) this.state = { at: 'header', fields: [] };
        else if (token.trim()) this.anomaly(`unexpected token before a record: ${token.slice(0, 80)}`);
        return;
      case 'header':
        s.fields.push(token);
        if (s.fields.length === HEADER_FIELDS) this.state = { at: 'files', commit: this.makeCommit(s.fields) };
        return;
      case 'files': {
        if (token === RECORD_MARKER) {
          this.finishCommit();
          this.state = { at: 'header', fields: [] };
          return;
        }
        const raw = token.replace(/^\n/, '');
        if (!raw.startsWith(':')) {
          if (raw.trim()) this.anomaly(`unexpected token in a file list: ${raw.slice(0, 80)}`);
          return;
        }
        const parts = raw.slice(1).split(' ');
        const letter = (parts[4] ?? '').charAt(0);
        this.state = { at: 'paths', commit: s.commit, raw: parts, need: letter === 'R' || letter === 'C' ? 2 : 1, got: [] };
        return;
      }
      case 'paths':
        s.got.push(token);
        if (s.got.length === s.need) {
          this.addFile(s.commit, s.raw, s.got);
          this.state = { at: 'files', commit: s.commit };
        }
        return;
    }
  }

  private makeCommit(f: string[]): Commit {
    const [sha, parents, authorName, authorEmail, at, ct, subject, body] = f;
    return {
      sha,
      parents: parents ? parents.split(' ') : [],
      authorName,
      authorEmail,
      authorTime: Number(at) * 1000,
      commitTime: Number(ct) * 1000,
      subject,
      body: body.trimEnd(),
      files: [],
      filesTotal: 0,
      branches: [],
    };
  }

  private addFile(commit: Commit, raw: string[], paths: string[]): void {
    commit.filesTotal++;
    if (commit.files.length < this.options.maxFilesPerCommit) commit.files.push(fileChange(raw, paths, this.options.classify));
  }

  private finishCommit(): void {
    const s = this.state;
    if (s.at === 'files') this.options.onCommit(s.commit);
    else if (s.at === 'paths') {
      this.anomaly('file list cut short');
      this.options.onCommit(s.commit);
    } else if (s.at === 'header' && s.fields.length > 0) this.anomaly('commit header cut short');
    this.state = { at: 'marker' };
  }

  private anomaly(message: string): void {
    if (this.anomalies.length < 20) this.anomalies.push(message);
  }
}

export const ZERO_BLOB = '0000000000000000000000000000000000000000';

/** One `--raw` entry (`:mode mode blob blob status`, split on spaces, without the colon) and its path(s). */
function fileChange(raw: string[], paths: string[], classify: RiskClassifier): FileChange {
  const letter = (raw[4] ?? '').charAt(0);
  const path = paths[paths.length - 1];
  const file: FileChange = {
    status: STATUS[letter] ?? 'unknown',
    path,
    oldBlob: raw[2] ?? '',
    newBlob: raw[3] ?? '',
    risks: classify(path),
  };
  if (paths.length === 2) {
    file.oldPath = paths[0];
    if (file.risks.length === 0) file.risks = classify(paths[0]);
  }
  return file;
}

/** The files of `git diff-tree -r -z --raw --no-abbrev` output. */
export function parseRawDiff(output: string, classify: RiskClassifier, max: number): { files: FileChange[]; total: number } {
  const tokens = output.split('\0');
  const files: FileChange[] = [];
  let total = 0;
  for (let i = 0; i < tokens.length; i++) {
    const raw = tokens[i].replace(/^\n/, '');
    if (!raw.startsWith(':')) continue;
    const parts = raw.slice(1).split(' ');
    const letter = (parts[4] ?? '').charAt(0);
    const n = letter === 'R' || letter === 'C' ? 2 : 1;
    const paths = tokens.slice(i + 1, i + 1 + n);
    i += n;
    if (paths.length < n) break;
    total++;
    if (files.length < max) files.push(fileChange(parts, paths, classify));
  }
  return { files, total };
}
