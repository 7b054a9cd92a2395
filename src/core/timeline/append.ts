/**
 * Appending to an incident file. The new entry is inserted after the last content of the
 * timeline; every other character of the file, damaged or not, stays exactly as it was.
 */

import type { NewTimelineEntry, ParsedIncident, TimelineEntry } from '../model/incident';
import { formatEntryLines, hypothesisNumber, normalizeEntry } from './format';
import { nextHypothesisId } from './hypotheses';
import { isBlank, offsetAfterLine } from './lines';
import type { IncidentLayout } from './parse';
import { parseIncidentWithLayout } from './parse';

export interface AppendPlan {
  /** Offset in the original text where `insert` goes. It is always the start of a line or the end of the text. */
  offset: number;
  /** Number of line breaks before `offset` (0-based index of the line `insert` starts on). */
  lineIndex: number;
  /** True when the insertion is at the very end of the text. */
  atEnd: boolean;
  insert: string;
  /** The entry as it will read back (normalized, with its hypothesis id assigned). */
  entry: TimelineEntry;
  /** 1-based line of the new entry's header in the resulting file. */
  line: number;
}

/** Appends an entry at the end of the timeline; see `planAppend` for the rules. */
export function appendEntry(text: string, entry: NewTimelineEntry): string {
  const plan = planAppend(text, entry);
  return text.slice(0, plan.offset) + plan.insert + text.slice(plan.offset);
}

/**
 * Works out what to insert and where. Assigns the next free hypothesis id to a `hypothesis`
 * entry without one, and refuses (throws) entries that would not read back cleanly: invalid
 * time or kind, a verdict without a reason, or a reference to a hypothesis the file lacks.
 */
export function planAppend(text: string, input: NewTimelineEntry): AppendPlan {
  const { parsed, layout } = parseIncidentWithLayout(text);
  const entry = normalizeEntry(resolveHypothesisId(parsed, input));
  const { src } = layout;
  const body = formatEntryLines(entry).join(src.eol);
  const last = layout.sections[layout.sections.length - 1];
  let offset: number;
  let insert: string;
  if (last) {
    let anchor = last.heading;
    for (let i = last.end - 1; i > last.heading; i--) {
      if (!isBlank(src.lines[i] ?? '')) {
        anchor = i;
        break;
      }
    }
    // Right under the heading, keep (or add) the blank line markdown wants before a list.
    const blankAfterHeading = anchor === last.heading && anchor + 1 < last.end && isBlank(src.lines[anchor + 1] ?? '');
    if (blankAfterHeading) anchor++;
    offset = offsetAfterLine(src, anchor);
    const atEndWithoutBreak = anchor === src.lines.length - 1 && !src.finalNewline;
    const lead = (atEndWithoutBreak ? src.eol : '') + (anchor === last.heading ? src.eol : '');
    insert = atEndWithoutBreak ? lead + body : lead + body + src.eol;
  } else {
    offset = text.length;
    const hasContent = src.lines.length > 0;
    let lead = hasContent && !src.finalNewline ? src.eol : '';
    if (hasContent && !isBlank(src.lines[src.lines.length - 1] ?? '')) lead += src.eol;
    insert = `${lead}## Timeline${src.eol}${src.eol}${body}${src.eol}`;
  }
  const lineIndex = countLineBreaks(text, 0, offset);
  const headerOffsetInInsert = insert.indexOf('- **');
  const line = lineIndex + countLineBreaks(insert, 0, headerOffsetInInsert) + 1;
  return { offset, lineIndex, atEnd: offset === text.length, insert, entry, line };
}

function resolveHypothesisId(parsed: ParsedIncident, input: NewTimelineEntry): TimelineEntry {
  const entry: TimelineEntry = {
    at: input.at,
    kind: input.kind,
    author: input.author,
    text: input.text,
    links: [...(input.links ?? [])],
  };
  const id = input.hypothesis?.toUpperCase();
  if (input.kind === 'hypothesis') {
    if (id === undefined) {
      entry.hypothesis = nextHypothesisId(parsed);
      return entry;
    }
    const n = hypothesisNumber(id);
    if (n !== undefined && n <= parsed.maxHypothesisNumber) {
      throw new Error(`${id} is already taken in this file; the next free id is ${nextHypothesisId(parsed)}.`);
    }
  } else if (id !== undefined && !parsed.hypotheses.some((h) => h.id === id)) {
    throw new Error(`There is no hypothesis ${id} in this file.`);
  }
  if (id !== undefined) entry.hypothesis = id;
  return entry;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Rebuilds the file from what was parsed: every entry is written again from its fields, every
 * other line is copied. For a file the extension wrote this returns the same bytes; the tests
 * rely on that to prove the format round-trips.
 */
export function serializeIncident(text: string): string {
  const { parsed, layout } = parseIncidentWithLayout(text);
  return rebuild(text, parsed, layout);
}

function rebuild(text: string, parsed: ParsedIncident, layout: IncidentLayout): string {
  const { src } = layout;
  let out = '';
  let cursor = 0;
  for (const entry of parsed.entries) {
    const start = src.starts[entry.startLine - 1] ?? text.length;
    const end = src.ends[entry.endLine - 1] ?? text.length;
    out += text.slice(cursor, start) + formatEntryLines(entry).join(src.eol);
    cursor = end;
  }
  return out + text.slice(cursor);
}
