/**
 * A line scanner for the parts of CommonMark that runbooks need: ATX headings, fenced code blocks
 * (``` and ~~~, any length, inside list items and block quotes), and HTML comments. It is not a
 * markdown renderer. The rules follow CommonMark where they decide whether a block is code:
 * - a fence opens with up to 3 spaces of indentation relative to its container (the document, or
 *   the content column of the list item it is in) and closes with at least as many of the same
 *   character. Text that is indented 4 or more is an indented code block, and its fences are
 *   not fences.
 * - a block that is never closed, or whose list item or quote ends first, is reported and is not
 *   a step. It would swallow prose that nobody meant to run.
 * - anything between `<!--` and `-->` is a comment, and fences in it are not steps. A comment
 *   opened in the middle of a line counts too, unless it sits in an inline code span. Erring
 *   this way drops a step rather than inventing one.
 * Every pattern here is anchored and linear: runbook text is hostile and lines can be very long.
 */

import type { RunbookHeading } from '../model/runbooks';

export interface FencedBlock {
  /** 0-based line of the opening fence. */
  open: number;
  /** 0-based line of the closing fence; undefined when the block was never properly closed. */
  close?: number;
  infoString: string;
  /** Content lines with the container and fence indentation removed. */
  lines: string[];
  /** The comment that ends right before the fence (only blank lines between), if any. */
  comment?: string;
}

export interface MarkdownOutline {
  headings: RunbookHeading[];
  blocks: FencedBlock[];
}

interface OpenFence {
  block: FencedBlock;
  char: string;
  length: number;
  /** Columns of indentation removed from content lines. */
  indent: number;
  /** Content column of the container (0 outside lists). */
  base: number;
  quoteDepth: number;
}

/** Content columns of the open list items, innermost last. */
type ListStack = number[];

export function scanMarkdown(lines: readonly string[], from = 0): MarkdownOutline {
  const headings: RunbookHeading[] = [];
  const blocks: FencedBlock[] = [];
  const lists: ListStack = [];
  let fence: OpenFence | undefined;
  let inComment = false;
  let commentText: string[] = [];
  /** A comment that ended with only blank lines since, waiting for a fence to claim it. */
  let pendingComment: string | undefined;

  for (let i = from; i < lines.length; i++) {
    const { depth, rest } = stripQuotes(lines[i] ?? '');
    if (fence) {
      const state = continueFence(fence, depth, rest, i);
      if (state === 'open') continue;
      blocks.push(fence.block);
      fence = undefined;
      if (state === 'closed') continue;
      // The quote or list item holding the block ended first: read this line as ordinary text.
    }
    if (inComment) {
      const end = rest.indexOf('-->');
      commentText.push(end < 0 ? rest : rest.slice(0, end));
      if (end >= 0) {
        inComment = false;
        pendingComment = commentText.join('\n');
      }
      continue;
    }
    const indent = indentation(rest);
    if (indent.text.length === 0) continue; // blank: list items and pending comments carry on
    const item = listItem(rest);
    let base: number;
    let body = rest;
    if (item) {
      while (lists.length > 0 && (lists[lists.length - 1] as number) > item.markerColumn) lists.pop();
      lists.push(item.contentColumn);
      base = item.contentColumn;
      // The item's first line may itself open a fence (`- ```bash`): look at it as content.
      body = ' '.repeat(item.contentColumn) + item.content;
    } else {
      while (lists.length > 0 && (lists[lists.length - 1] as number) > indent.columns) lists.pop();
      base = lists.length > 0 ? (lists[lists.length - 1] as number) : 0;
    }

    const opened = openFence(body, base, depth, i, pendingComment);
    pendingComment = undefined;
    if (opened) {
      fence = opened;
      continue;
    }
    const heading = indent.columns <= 3 && !item ? atxHeading(indent.text, i) : undefined;
    if (heading) {
      headings.push(heading);
      lists.length = 0;
      continue;
    }
    const comment = commentStart(rest);
    if (comment) {
      const end = comment.after.indexOf('-->');
      if (end >= 0) {
        // Only a line that is nothing but the comment can mark the block below it.
        const alone = comment.before.trim() === '' && comment.after.slice(end + 3).trim() === '';
        pendingComment = alone ? comment.after.slice(0, end) : undefined;
      } else {
        inComment = true;
        commentText = [comment.after];
      }
    }
  }
  if (fence) blocks.push(fence.block);
  return { headings, blocks };
}

function continueFence(open: OpenFence, depth: number, rest: string, line: number): 'open' | 'closed' | 'ended' {
  const ind = indentation(rest);
  const blank = ind.text.length === 0;
  if (depth < open.quoteDepth || (!blank && ind.columns < open.base)) return 'ended';
  if (!blank && ind.columns - open.base <= 3 && isClosingFence(ind.text, open.char, open.length)) {
    open.block.close = line;
    return 'closed';
  }
  open.block.lines.push(stripColumns(rest, open.indent));
  return 'open';
}

function openFence(body: string, base: number, quoteDepth: number, line: number, comment: string | undefined): OpenFence | undefined {
  const ind = indentation(body);
  if (ind.columns < base || ind.columns - base > 3) return undefined;
  const char = ind.text[0];
  if (char !== '`' && char !== '~') return undefined;
  let length = 0;
  while (ind.text[length] === char) length++;
  if (length < 3) return undefined;
  const infoString = ind.text.slice(length).trim();
  if (char === '`' && infoString.includes('`')) return undefined; // inline code, not a fence
  const block: FencedBlock = { open: line, infoString, lines: [] };
  if (comment !== undefined) block.comment = comment;
  return { block, char, length, indent: ind.columns, base, quoteDepth };
}

function isClosingFence(text: string, char: string, minLength: number): boolean {
  let n = 0;
  while (text[n] === char) n++;
  return n >= minLength && text.slice(n).trim() === '';
}

/** Strips block quote markers (`> `) and says how many there were. */
function stripQuotes(line: string): { depth: number; rest: string } {
  let depth = 0;
  let rest = line;
  for (;;) {
    let k = 0;
    while (k < 3 && rest[k] === ' ') k++;
    if (rest[k] !== '>') return { depth, rest };
    rest = rest.slice(k + 1);
    if (rest.startsWith(' ')) rest = rest.slice(1);
    depth++;
  }
}

/** Leading indentation in columns (tabs to the next multiple of 4) and the text after it. */
function indentation(line: string): { columns: number; text: string } {
  let columns = 0;
  let k = 0;
  for (; k < line.length; k++) {
    if (line[k] === ' ') columns++;
    else if (line[k] === '\t') columns += 4 - (columns % 4);
    else break;
  }
  return { columns, text: line.slice(k).trimEnd() === '' ? '' : line.slice(k) };
}

/** Removes up to `columns` columns of leading whitespace. */
function stripColumns(line: string, columns: number): string {
  let col = 0;
  let k = 0;
  while (k < line.length && col < columns) {
    if (line[k] === ' ') col++;
    else if (line[k] === '\t') {
      const width = 4 - (col % 4);
      if (col + width > columns) return ' '.repeat(col + width - columns) + line.slice(k + 1);
      col += width;
    } else break;
    k++;
  }
  return line.slice(k);
}

interface ListItem {
  markerColumn: number;
  contentColumn: number;
  content: string;
}

function listItem(line: string): ListItem | undefined {
  const ind = indentation(line);
  const m = /^([-*+]|\d{1,9}[.)])( +|\t|$)/.exec(ind.text);
  if (!m) return undefined;
  const marker = m[1] as string;
  const spaces = (m[2] as string).replace('\t', '    ').length;
  const content = ind.text.slice(marker.length + (m[2] as string).length);
  if (/^[-*_]$/.test(marker) && /^[-*_ ]*$/.test(content) && content.replace(/ /g, '').length >= 2) return undefined; // a thematic break
  // Five or more spaces after the marker mean an indented code block inside the item.
  const gap = spaces >= 5 || content === '' ? 1 : spaces;
  return { markerColumn: ind.columns, contentColumn: ind.columns + marker.length + gap, content: spaces >= 5 ? ' '.repeat(spaces - 1) + content : content };
}

function atxHeading(text: string, line: number): RunbookHeading | undefined {
  let level = 0;
  while (text[level] === '#') level++;
  if (level < 1 || level > 6) return undefined;
  const after = text[level];
  if (after !== undefined && after !== ' ' && after !== '\t') return undefined;
  let content = text.slice(level).trim();
  // An optional closing sequence of #s, when a space separates it from the text.
  let end = content.length;
  while (end > 0 && content[end - 1] === '#') end--;
  if (end === 0) content = '';
  else if (end < content.length && (content[end - 1] === ' ' || content[end - 1] === '\t')) content = content.slice(0, end).trim();
  return { level, text: content, line };
}

/** Where an HTML comment starts on a line, ignoring `<!--` inside inline code spans. */
function commentStart(line: string): { before: string; after: string } | undefined {
  if (!line.includes('<!--')) return undefined;
  const spans = codeSpans(line);
  let span = 0;
  for (let at = line.indexOf('<!--'); at >= 0; at = line.indexOf('<!--', at + 1)) {
    while (span < spans.length && (spans[span] as [number, number])[1] <= at) span++;
    const s = spans[span];
    if (s === undefined || at < s[0]) return { before: line.slice(0, at), after: line.slice(at + 4) };
  }
  return undefined;
}

/** [start, end) of the inline code spans of a line: a backtick run closed by one just as long. */
function codeSpans(line: string): [number, number][] {
  const runs: { start: number; length: number }[] = [];
  for (let k = 0; k < line.length; k++) {
    if (line[k] !== '`') continue;
    let n = 0;
    while (line[k + n] === '`') n++;
    runs.push({ start: k, length: n });
    k += n - 1;
  }
  // The next run of the same length for each run, found in one backward pass.
  const nextSame: (number | undefined)[] = new Array<number | undefined>(runs.length);
  const lastSeen = new Map<number, number>();
  for (let r = runs.length - 1; r >= 0; r--) {
    const length = (runs[r] as { length: number }).length;
    nextSame[r] = lastSeen.get(length);
    lastSeen.set(length, r);
  }
  const spans: [number, number][] = [];
  for (let r = 0; r < runs.length; r++) {
    const close = nextSame[r];
    if (close === undefined) continue; // an unmatched run is literal text
    const open = runs[r] as { start: number };
    const end = runs[close] as { start: number; length: number };
    spans.push([open.start, end.start + end.length]);
    r = close;
  }
  return spans;
}
