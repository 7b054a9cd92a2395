/**
 * Reading an incident file as far as it can be read. Nothing here changes the text: lines that
 * are not understood become problems (with 1-based line numbers) and stay in the file as they are.
 */

import type { IncidentMeta, ParsedEntry, ParsedIncident, Problem } from '../model/incident';
import { ENTRY_KINDS, KINDS_WITH_REQUIRED_ID } from '../model/incident';
import {
  DAMAGED_HYPOTHESIS,
  formatEntryLines,
  HEADER,
  HEADER_START,
  hypothesisNumber,
  isEntryKind,
  LINK_LINE,
  parseTimestamp,
  unescapeTextLine,
} from './format';
import { locateFrontMatter, readFrontMatter, TIMELINE_HEADING } from './frontMatter';
import { deriveHypotheses } from './hypotheses';
import type { SourceLines } from './lines';
import { isBlank, isIndented, splitLines } from './lines';

/** Where things are in the file, for editing it; 0-based line indexes. */
export interface IncidentLayout {
  src: SourceLines;
  /** Index of the first line after the front matter. */
  bodyIndex: number;
  /** Timeline sections: heading index and the exclusive end of the section. */
  sections: { heading: number; end: number }[];
}

const TOP_HEADING = /^(#{1,2})\s+(.*?)\s*#*\s*$/;
const MINOR_HEADING = /^#{3,6}(\s|$)/;
const FENCE_OPEN = /^(`{3,}|~{3,})/;
const CONFLICT_MARKER = /^(<{7}|={7}|>{7}|\|{7})(\s|$)/;

export function parseIncident(text: string): ParsedIncident {
  return parseIncidentWithLayout(text).parsed;
}

export function parseIncidentWithLayout(text: string): { parsed: ParsedIncident; layout: IncidentLayout } {
  const src = splitLines(text);
  const problems: Problem[] = [];
  let meta: IncidentMeta = { services: [] };
  let frontMatter: ParsedIncident['frontMatter'];
  const block = locateFrontMatter(src);
  if (block) {
    const reading = readFrontMatter(src, block);
    meta = reading.meta;
    problems.push(...reading.problems);
    frontMatter = { startLine: block.openIndex + 1, ok: reading.ok };
    if (block.closeIndex !== undefined) frontMatter.endLine = block.closeIndex + 1;
  } else {
    problems.push({ line: 1, message: 'The file has no front matter (a --- block with title, severity, status…).', severity: 'warning' });
  }
  const bodyIndex = block ? block.bodyIndex : 0;
  const { sections, title } = findSections(src, bodyIndex);
  if (meta.title === undefined && title !== undefined) meta.title = title;

  const scanner = new EntryScanner(src, problems);
  if (sections.length === 0) {
    problems.push({
      line: Math.min(bodyIndex + 1, Math.max(src.lines.length, 1)),
      message: 'There is no "## Timeline" heading; the next entry will add one at the end of the file.',
      severity: 'warning',
    });
    scanner.scan(bodyIndex, src.lines.length, false);
  }
  sections.forEach((section, i) => {
    if (i > 0) {
      problems.push({
        line: section.heading + 1,
        message: 'Another "## Timeline" heading; new entries go to the end of the last one.',
        severity: 'warning',
      });
    }
    scanner.scan(section.heading + 1, section.end, true);
  });
  let maxHypothesisNumber = 0;
  for (let i = bodyIndex; i < src.lines.length; i++) {
    const line = src.lines[i] ?? '';
    const m = HEADER_START.test(line) ? DAMAGED_HYPOTHESIS.exec(line) : null;
    if (m) maxHypothesisNumber = Math.max(maxHypothesisNumber, Number(m[1]));
  }
  const entries = scanner.entries;
  const hypotheses = deriveHypotheses(entries, problems);
  for (const h of hypotheses) maxHypothesisNumber = Math.max(maxHypothesisNumber, h.number);
  problems.sort((a, b) => a.line - b.line);
  const parsed: ParsedIncident = {
    meta,
    entries,
    hypotheses,
    maxHypothesisNumber,
    problems,
    eol: src.eol,
    hasBom: src.hasBom,
    timelineHeadings: sections.map((s) => s.heading + 1),
    lineCount: src.lines.length,
  };
  if (frontMatter) parsed.frontMatter = frontMatter;
  return { parsed, layout: { src, bodyIndex, sections } };
}

/**
 * Top-level (`#`/`##`) headings delimit sections; headings inside fenced code blocks do not
 * count. An unclosed fence is damage, and must not hide the rest of the file: then fences are
 * ignored altogether.
 */
function findSections(
  src: SourceLines,
  from: number,
  respectFences = true,
): { sections: IncidentLayout['sections']; title?: string } {
  const sections: IncidentLayout['sections'] = [];
  let title: string | undefined;
  let fence: string | undefined;
  let open: number | undefined;
  for (let i = from; i < src.lines.length; i++) {
    const line = src.lines[i] ?? '';
    const f = respectFences ? FENCE_OPEN.exec(line) : null;
    if (f) {
      const marker = f[1] ?? '';
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const h = TOP_HEADING.exec(line);
    if (!h) continue;
    if (open !== undefined) {
      sections.push({ heading: open, end: i });
      open = undefined;
    }
    if (TIMELINE_HEADING.test(line)) open = i;
    else if (h[1] === '#' && title === undefined) title = h[2];
  }
  if (fence !== undefined) return findSections(src, from, false);
  if (open !== undefined) sections.push({ heading: open, end: src.lines.length });
  return title === undefined ? { sections } : { sections, title };
}

class EntryScanner {
  readonly entries: ParsedEntry[] = [];

  constructor(
    private readonly src: SourceLines,
    private readonly problems: Problem[],
  ) {}

  /** Reads lines [from, to). With `strict`, anything that is not an entry is reported. */
  scan(from: number, to: number, strict: boolean): void {
    const lines = this.src.lines;
    let i = from;
    while (i < to) {
      const line = lines[i] ?? '';
      if (isBlank(line)) {
        i++;
      } else if (HEADER_START.test(line)) {
        const end = this.blockEnd(i, to);
        this.readEntry(i, end);
        i = end + 1;
      } else if (!strict || MINOR_HEADING.test(line)) {
        i++;
      } else if (line.startsWith('<!--')) {
        i = this.skipComment(i, to) + 1;
      } else {
        const { end, message } = this.garbageEnd(i, to);
        this.report(i, end, message);
        i = end + 1;
      }
    }
  }

  /** Last line of the item starting at `start`: indented lines, across blank lines as in markdown. */
  private blockEnd(start: number, to: number): number {
    const lines = this.src.lines;
    let last = start;
    let k = start + 1;
    while (k < to) {
      const line = lines[k] ?? '';
      if (!isBlank(line)) {
        if (!isIndented(line)) break;
        last = k++;
        continue;
      }
      let m = k;
      while (m < to && isBlank(lines[m] ?? '')) m++;
      if (m < to && isIndented(lines[m] ?? '')) {
        last = m;
        k = m + 1;
      } else break;
    }
    return last;
  }

  /** A run of lines that are not entries: a fenced block, or a paragraph with its indented lines. */
  private garbageEnd(start: number, to: number): { end: number; message?: string } {
    const lines = this.src.lines;
    const first = lines[start] ?? '';
    const marker = FENCE_OPEN.exec(first)?.[1];
    if (marker) {
      for (let k = start + 1; k < to; k++) {
        const line = (lines[k] ?? '').trim();
        if (line[0] === marker[0] && /^(`{3,}|~{3,})$/.test(line) && line.length >= marker.length) return { end: k };
      }
    }
    let end = start;
    while (end + 1 < to) {
      const next = lines[end + 1] ?? '';
      if (isBlank(next) || HEADER_START.test(next) || /^#/.test(next) || next.startsWith('<!--') || FENCE_OPEN.test(next)) break;
      end++;
    }
    end = Math.max(end, this.blockEnd(end, to));
    if (marker) return { end, message: 'This code fence is never closed; it and the lines after it are kept as they are.' };
    if (CONFLICT_MARKER.test(first)) return { end, message: 'Unresolved merge conflict marker; kept as it is.' };
    return { end };
  }

  private skipComment(start: number, to: number): number {
    for (let k = start; k < to; k++) {
      const from = k === start ? 4 : 0;
      if ((this.src.lines[k] ?? '').indexOf('-->', from) !== -1) return k;
    }
    this.problems.push({ line: start + 1, message: 'This HTML comment is never closed; it hides what follows when rendered.', severity: 'warning' });
    return start;
  }

  private report(start: number, end: number, message?: string): void {
    const count = end - start + 1;
    const problem: Problem = {
      line: start + 1,
      message:
        message ??
        (count === 1
          ? 'This line is not a timeline entry; it is kept as it is.'
          : `These ${count} lines are not timeline entries; they are kept as they are.`),
      severity: 'warning',
    };
    if (end > start) problem.endLine = end + 1;
    this.problems.push(problem);
  }

  private readEntry(start: number, end: number): void {
    const { lines, starts, ends, eol } = this.src;
    const header = lines[start] ?? '';
    const fail = (message: string, severity: Problem['severity'] = 'error'): void => {
      const problem: Problem = { line: start + 1, message, severity };
      if (end > start) problem.endLine = end + 1;
      this.problems.push(problem);
    };
    const m = HEADER.exec(header);
    if (!m) {
      fail('Not a valid entry: expected "- **<UTC time>** · <kind> · <author> — <text>"; kept as it is.');
      return;
    }
    const [, at = '', kindText = '', idText, authorText = '', first = ''] = m;
    const time = parseTimestamp(at);
    if (time === undefined) {
      fail(`Entry time "${at}" is not a UTC ISO-8601 timestamp like 2026-11-23T14:02:11Z.`);
      return;
    }
    const kind = kindText.toLowerCase();
    if (!isEntryKind(kind)) {
      fail(`Unknown entry kind "${kindText}"; known kinds: ${ENTRY_KINDS.join(', ')}.`, 'warning');
      return;
    }
    const id = idText?.toUpperCase();
    if (id !== undefined && hypothesisNumber(id) === undefined) {
      fail(`"${idText ?? ''}" is not a hypothesis id like H1.`);
      return;
    }
    if (id === undefined && KINDS_WITH_REQUIRED_ID.includes(kind)) {
      fail(`A ${kind} entry needs a hypothesis id after the kind, like "${kind} H1".`);
      return;
    }
    const textLines = [first];
    const links: string[] = [];
    for (let k = start + 1; k <= end; k++) {
      const raw = lines[k] ?? '';
      const link = LINK_LINE.exec(raw);
      if (isBlank(raw)) textLines.push('');
      else if (link) {
        const value = (link[1] ?? '').trim();
        if (value) links.push(value);
        else this.problems.push({ line: k + 1, message: 'Empty link.', severity: 'warning' });
      } else textLines.push(unescapeTextLine(stripIndent(raw)));
    }
    while (textLines.length > 1 && textLines[textLines.length - 1] === '') textLines.pop();
    const author = authorText.trim();
    const text = textLines.join('\n');
    const [startLine, endLine] = [start + 1, end + 1];
    // Two literals rather than `delete`, so every entry object keeps a fast, fixed shape.
    const entry: ParsedEntry =
      id === undefined
        ? { at, kind, author, text, links, time, startLine, endLine, canonical: false }
        : { at, kind, hypothesis: id, author, text, links, time, startLine, endLine, canonical: false };
    if ((kind === 'confirm' || kind === 'refute' || kind === 'hypothesis') && entry.text.trim() === '') {
      fail(kind === 'hypothesis' ? 'The hypothesis has no text.' : `A ${kind} entry should give the reason.`, 'warning');
    }
    const rawText = this.src.text.slice(starts[start], ends[end]);
    entry.canonical = formatEntryLines(entry).join(eol) === rawText;
    this.entries.push(entry);
  }
}

function stripIndent(line: string): string {
  if (line.startsWith('  ')) return line.slice(2);
  if (line.startsWith('\t') || line.startsWith(' ')) return line.slice(1);
  return line;
}
