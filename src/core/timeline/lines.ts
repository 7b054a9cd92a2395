/** Splitting a file into lines while keeping the offsets needed to edit it in place. */

export const BOM = '\uFEFF';

export interface SourceLines {
  text: string;
  /** Line contents without their line ending; the BOM is not part of line 0. */
  lines: string[];
  /** Offset in `text` where each line's content starts (after the BOM for line 0). */
  starts: number[];
  /** Offset in `text` just past each line's content, before its line ending. */
  ends: number[];
  eol: '\n' | '\r\n';
  hasBom: boolean;
  /** Whether the last line ends with a line break. */
  finalNewline: boolean;
}

export function splitLines(text: string): SourceLines {
  const hasBom = text.startsWith(BOM);
  const lines: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let pos = hasBom ? BOM.length : 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    const contentEnd = nl !== -1 && lineEnd > pos && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    starts.push(pos);
    ends.push(contentEnd);
    lines.push(text.slice(pos, contentEnd));
    pos = nl === -1 ? text.length : nl + 1;
  }
  const firstNl = text.indexOf('\n');
  const eol = firstNl > 0 && text[firstNl - 1] === '\r' ? '\r\n' : '\n';
  return { text, lines, starts, ends, eol, hasBom, finalNewline: text.endsWith('\n') };
}

/** Offset just past the line break of line `index` (0-based), or the end of the text. */
export function offsetAfterLine(src: SourceLines, index: number): number {
  const next = src.starts[index + 1];
  if (next !== undefined) return next;
  return src.text.length;
}

export function isBlank(line: string): boolean {
  return line.trim().length === 0;
}

export function isIndented(line: string): boolean {
  return line.startsWith(' ') || line.startsWith('\t');
}
