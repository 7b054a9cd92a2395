/**
 * The text of the timeline entry that records a runbook step that was run, and reading the
 * command and exit code back from such an entry (for drafting a runbook from the incident).
 *
 * Output comes from a terminal: escape sequences are removed, secrets redacted, only the last
 * lines kept. Every block gets a fence longer than any backtick run inside it.
 */

import type { IncidentAction } from '../model/runbooks';
import { redact } from '../redact';
import { codeSpan, oneLine } from './text';

export const OUTPUT_LINES = 12;
const MAX_LINE = 240;

export interface StepRun {
  runbookTitle: string;
  runbookPath: string;
  stepId: string;
  /** Set when the step was run as a lever, e.g. `rollback`. */
  lever?: string;
  /** The command as it was sent, placeholders filled in. */
  command: string;
  /** Undefined when it could not be known. */
  exitCode?: number;
  durationMs?: number;
  /** Output as read from the terminal; undefined when it could not be captured. */
  output?: string;
  /** Why output or exit code is missing, said in the entry. */
  note?: string;
}

// ANSI CSI / OSC sequences and other control characters (tabs and newlines excepted).
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-?]{0,32}[ -/]{0,8}[@-~]|\x1b\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f]/g;

/** The last non-empty lines of terminal output, cleaned. */
export function lastOutputLines(output: string, count = OUTPUT_LINES): string[] {
  const lines = output
    .slice(-64 * 1024)
    .replace(/\r\n/g, '\n')
    .split('\n')
    // A carriage return redraws the line: keep what was drawn last.
    .map((l) => (l.split('\r').filter((p) => p !== '').pop() ?? '').replace(ESCAPES, '').trimEnd())
    .filter((l) => l.trim() !== '');
  return lines.slice(-count).map((l) => redact(l.length > MAX_LINE ? `${l.slice(0, MAX_LINE)}…` : l));
}

function fence(text: string): string {
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

export function formatStepRun(run: StepRun): string {
  const what = run.lever ? `Pulled lever ${codeSpan(run.lever, 40)} (step ${codeSpan(run.stepId, 60)})` : `Ran step ${codeSpan(run.stepId, 60)}`;
  const result = [run.exitCode === undefined ? 'exit code unknown' : `exit code ${run.exitCode}`, run.durationMs === undefined ? '' : `in ${seconds(run.durationMs)}`].filter(Boolean).join(' ');
  const lines = [`${what} of runbook “${oneLine(run.runbookTitle, 100)}”: ${result}`];
  const command = redact(run.command);
  const f = fence(command);
  lines.push(`${f}sh`, command, f);
  if (run.output !== undefined) {
    const out = lastOutputLines(run.output);
    if (out.length > 0) {
      const body = out.join('\n');
      const of = fence(body);
      lines.push(`Last output lines:`, `${of}text`, body, of);
    } else lines.push('No output.');
  }
  if (run.note) lines.push(oneLine(run.note, 300));
  return lines.join('\n');
}

/** Command and exit code of an entry written by `formatStepRun`; undefined for other entries. */
export function readStepRun(text: string): IncidentAction | undefined {
  const [first = '', ...rest] = text.split('\n');
  if (!/^(Ran step|Pulled lever) /.test(first)) return undefined;
  const open = rest.findIndex((l) => /^`{3,}sh$/.test(l));
  let command: string | undefined;
  if (open >= 0) {
    const marker = (rest[open] as string).replace(/sh$/, '');
    const close = rest.findIndex((l, i) => i > open && l === marker);
    if (close > open) command = rest.slice(open + 1, close).join('\n');
  }
  const code = /: exit code (\d+)/.exec(first);
  return {
    text: first.replace(/: exit code .*$/, ''),
    ...(command !== undefined ? { command } : {}),
    ...(code ? { exitCode: Number(code[1]) } : {}),
  };
}
