/**
 * Everything the command line writes. On a terminal: colour, aligned columns, relative times and
 * progress on stderr. Piped: plain text without escape codes (and never progress), so scripts and
 * chat bots can read it. NO_COLOR turns colour off, FORCE_COLOR on. Known secrets are masked in
 * every line, whatever wrote it.
 */
import { createColors } from 'picocolors';
import { displayText } from '../core/changes/display';

export type Colors = ReturnType<typeof createColors>;

export interface OutputOptions {
  json: boolean;
  noColor?: boolean;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  env?: NodeJS.ProcessEnv;
}

export class Output {
  readonly json: boolean;
  /** stdout is a terminal: human layout with relative times. */
  readonly tty: boolean;
  readonly c: Colors;
  private readonly stdout: NodeJS.WriteStream;
  private readonly stderr: NodeJS.WriteStream;
  private readonly secrets = new Set<string>();
  private progressShown = false;

  constructor(o: OutputOptions) {
    const env = o.env ?? process.env;
    this.stdout = o.stdout ?? process.stdout;
    this.stderr = o.stderr ?? process.stderr;
    this.json = o.json;
    this.tty = this.stdout.isTTY === true;
    const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
    const color = !o.json && !o.noColor && (forced || (this.tty && !env.NO_COLOR && env.TERM !== 'dumb'));
    this.c = createColors(color);
  }

  /** A value that must never be printed (tokens): masked wherever it would appear. */
  secret(value: string | undefined): void {
    if (value && value.length >= 4) this.secrets.add(value);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('***');
    return out;
  }

  line(text = ''): void {
    this.clearProgress();
    this.stdout.write(`${this.redact(text)}\n`);
  }

  printJson(value: unknown): void {
    this.clearProgress();
    this.stdout.write(`${this.redact(JSON.stringify(value, null, 2))}\n`);
  }

  /** A note for the person (which incident was picked, a warning): stderr, so stdout stays data. */
  note(text: string): void {
    this.clearProgress();
    this.stderr.write(`${this.redact(text)}\n`);
  }

  error(text: string): void {
    this.clearProgress();
    this.stderr.write(`${this.c.red('error:')} ${this.redact(text)}\n`);
  }

  /** A transient line on a terminal's stderr while slow sources load; nothing when piped or --json. */
  progress(text: string): void {
    if (this.stderr.isTTY !== true) return;
    this.stderr.write(`\r\x1b[K${this.c.dim(this.redact(text))}`);
    this.progressShown = true;
  }

  clearProgress(): void {
    if (!this.progressShown) return;
    this.stderr.write('\r\x1b[K');
    this.progressShown = false;
  }
}

/** Text from outside (commit subjects, log lines, Sentry titles) made safe for a terminal: no escape codes, one line. */
export function safe(text: string | undefined, max = 200): string {
  return displayText(text ?? '', max).replace(/\u001b/g, '\ufffd');
}

// Escape sequences are zero-width; strip them to measure what a column looks like.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const visibleLength = (s: string): number => [...s.replace(ANSI, '')].length;

/**
 * Rows as aligned columns (two spaces apart); the last column is never padded. Cells may hold
 * colour codes: widths count only what shows.
 */
export function table(rows: readonly (readonly string[])[], indent = ''): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell))));
  return rows.map((r) => indent + r.map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i]! - visibleLength(cell)))).join('  ').trimEnd());
}

/** `2026-11-23 14:02 UTC`, or on a terminal `14 min ago`. */
export function when(out: Output, time: number | undefined, now: number, relative: (t: number, n: number) => string): string {
  if (time === undefined || !Number.isFinite(time)) return '-';
  return out.tty ? relative(time, now) : new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
