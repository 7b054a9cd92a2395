/**
 * The timeline line format.
 *
 * An incident file is markdown: YAML front matter, a `# Title`, then a `## Timeline` section
 * whose entries form one markdown list, one entry per item:
 *
 *     - **2026-11-23T14:02:11Z** · observation · Dana Ops — Error rate on /checkout is 40 %
 *       - link: src/api/checkout.ts:42
 *     - **2026-11-23T14:05:40Z** · hypothesis H1 · Dana Ops — The 14:00 deploy broke the key
 *     - **2026-11-23T14:09:02Z** · refute H1 · Sam Lee — Rolled back; error persists
 *
 * Header line: `- **<time>** · <kind>[ <Hn>] · <author> — <first line of text>`
 *   - `<time>` is UTC ISO-8601 ending in `Z` (`YYYY-MM-DDTHH:MM:SS[.fff]Z`).
 *   - The separators are ` · ` (U+00B7) and ` — ` (U+2014). The author ends at the first ` — `,
 *     so the writer replaces any `—` in an author name with `-`; the text may contain anything.
 *   - `<Hn>` is required for hypothesis/confirm/refute and optional for the other kinds.
 *   - Empty text is written as a header ending in ` —`.
 * Continuation lines: further lines of the text, each indented by two spaces; an empty text line
 *   is written as an empty line (a blank line followed by an indented line stays in the entry,
 *   as in markdown). A text line that would read as a link (`- link: …`, after any number of
 *   leading backslashes) gets one more leading backslash; the reader removes one.
 * Link lines: `  - link: <value>` after the text, one per link.
 *
 * Why this shape: one list item per entry renders as a readable list, shows up as a pure
 * addition in a pull request diff, and needs no escaping of markdown inside the text. The writer
 * normalizes text (line endings to `\n`, trailing spaces, surrounding blank lines) before
 * writing, so reading back what it wrote gives the same bytes.
 */

import type { EntryKind, TimelineEntry } from '../model/incident';
import { ENTRY_KINDS, KINDS_WITH_REQUIRED_ID } from '../model/incident';

export const KIND_SEPARATOR = ' · ';
export const TEXT_SEPARATOR = ' —';
export const LINK_PREFIX = '  - link: ';
export const CONTINUATION_INDENT = '  ';

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;
const HYPOTHESIS_ID = /^H([1-9]\d{0,8})$/;
const ESCAPABLE_LINK_LINE = /^\\*- link: /;

/** `- **time** · kind[ id] · author — text` (text optional). Groups: time, kind, id, author, text. */
export const HEADER = /^- \*\*([^*]*)\*\* · (\S+)(?: (\S+))? · (.+?) —(?: (.*))?$/;
/** A line that means to be an entry header, even if it is malformed. */
export const HEADER_START = /^- \*\*/;
/** Finds a hypothesis number in a header that is too damaged to parse. */
export const DAMAGED_HYPOTHESIS = /\bhypothesis\s+H(\d{1,9})\b/i;
/** Link line as the writer produces it. */
export const LINK_LINE = /^ {2}- link: ?(.*)$/;

/** Milliseconds since the epoch for a valid UTC timestamp, otherwise undefined. */
export function parseTimestamp(value: string): number | undefined {
  const m = TIMESTAMP.exec(value);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const s = Number(m[6]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** UTC timestamp with second precision, the form the extension writes. */
export function formatTimestamp(time: number | Date): string {
  const date = typeof time === 'number' ? new Date(time) : time;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function isEntryKind(value: string): value is EntryKind {
  return (ENTRY_KINDS as readonly string[]).includes(value);
}

/** The number of a hypothesis id (`H3` → 3), or undefined when it is not an id. */
export function hypothesisNumber(id: string): number | undefined {
  const m = HYPOTHESIS_ID.exec(id);
  return m ? Number(m[1]) : undefined;
}

/** Author as written: one line, no em dash (it ends the author field), `unknown` when empty. */
export function normalizeAuthor(author: string): string {
  const clean = author.replace(/\s+/g, ' ').replace(/—/g, '-').trim();
  return clean.length > 0 ? clean : 'unknown';
}

/** Text as written: `\n` line endings, no trailing spaces, no surrounding blank lines. */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

export function escapeTextLine(line: string): string {
  return ESCAPABLE_LINK_LINE.test(line) ? `\\${line}` : line;
}

export function unescapeTextLine(line: string): string {
  return /^\\+- link: /.test(line) ? line.slice(1) : line;
}

/**
 * Lines of an entry, without validation or normalization. The reader uses this to tell whether
 * an entry it read is in canonical form.
 */
export function formatEntryLines(entry: TimelineEntry): string[] {
  const [first = '', ...rest] = entry.text.split('\n');
  const kind = entry.hypothesis ? `${entry.kind} ${entry.hypothesis}` : entry.kind;
  const head = `- **${entry.at}**${KIND_SEPARATOR}${kind}${KIND_SEPARATOR}${entry.author}${TEXT_SEPARATOR}`;
  const lines = [first.length > 0 ? `${head} ${first}` : head];
  for (const line of rest) lines.push(line.length > 0 ? CONTINUATION_INDENT + escapeTextLine(line) : '');
  for (const link of entry.links) lines.push(LINK_PREFIX + link);
  return lines;
}

/** Throws when the entry cannot be written in a form that reads back as the same entry. */
export function validateEntry(entry: TimelineEntry): void {
  if (!isEntryKind(entry.kind)) throw new Error(`Unknown entry kind '${String(entry.kind)}'.`);
  if (parseTimestamp(entry.at) === undefined) {
    throw new Error(`Entry time '${entry.at}' is not a UTC ISO-8601 timestamp like 2026-11-23T14:02:11Z.`);
  }
  if (entry.hypothesis !== undefined && hypothesisNumber(entry.hypothesis) === undefined) {
    throw new Error(`'${entry.hypothesis}' is not a hypothesis id like H1.`);
  }
  if (KINDS_WITH_REQUIRED_ID.includes(entry.kind) && entry.hypothesis === undefined) {
    throw new Error(`A ${entry.kind} entry needs a hypothesis id.`);
  }
  if ((entry.kind === 'confirm' || entry.kind === 'refute') && normalizeText(entry.text).length === 0) {
    throw new Error(`A ${entry.kind} entry needs a reason.`);
  }
  for (const link of entry.links) {
    if (link.trim().length === 0 || link !== link.trim() || /[\r\n]/.test(link)) {
      throw new Error(`Link '${link}' must be a single line without surrounding spaces.`);
    }
  }
}

/** Normalizes author and text, validates, and returns the entry exactly as it will be read back. */
export function normalizeEntry(entry: TimelineEntry): TimelineEntry {
  const normalized: TimelineEntry = {
    at: entry.at,
    kind: entry.kind,
    author: normalizeAuthor(entry.author),
    text: normalizeText(entry.text),
    links: entry.links.map((l) => l.trim()),
  };
  if (entry.hypothesis !== undefined) normalized.hypothesis = entry.hypothesis;
  validateEntry(normalized);
  return normalized;
}

/** The entry's lines joined with `eol`, without a trailing line ending. */
export function serializeEntry(entry: TimelineEntry, eol: '\n' | '\r\n' = '\n'): string {
  return formatEntryLines(normalizeEntry(entry)).join(eol);
}

export type LinkKind = 'url' | 'commit' | 'path';

export interface EntryLink {
  kind: LinkKind;
  value: string;
  /** For `path` links: the path and the 1-based line, when given (`src/a.ts:42`). */
  path?: string;
  line?: number;
  /** For `path` links to a range of lines (`src/a.ts:42-48`): the last line. */
  endLine?: number;
}

/** Tells a URL from a commit SHA from a repository-relative `path[:line[-endLine]]`. */
export function classifyLink(value: string): EntryLink {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return { kind: 'url', value };
  if (/^[0-9a-f]{7,64}$/i.test(value)) return { kind: 'commit', value };
  const m = /^(.*?):(\d+)(?:-(\d+))?$/.exec(value);
  if (m && m[1] && m[3]) return { kind: 'path', value, path: m[1], line: Number(m[2]), endLine: Number(m[3]) };
  if (m && m[1]) return { kind: 'path', value, path: m[1], line: Number(m[2]) };
  return { kind: 'path', value, path: value };
}
