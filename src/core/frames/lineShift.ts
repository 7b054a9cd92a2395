/** An edit as the editor reports it: a replaced range (0-based lines) and the new text. */
export interface LineEdit {
  startLine: number;
  startCharacter: number;
  endLine: number;
  text: string;
}

/**
 * Where a marked line is after an edit: lines below the edit move by the lines it added or
 * removed; a line inside a removed range moves to the start of the edit; inserting whole lines
 * at the very start of a marked line pushes the mark down with its text.
 */
export function shiftLine(line: number, edit: LineEdit): number {
  const removed = edit.endLine - edit.startLine;
  const added = edit.text.split(/\r\n|\r|\n/).length - 1;
  const delta = added - removed;
  if (delta === 0) return line;
  const insertBefore = removed === 0 && edit.startCharacter === 0;
  if (line > edit.endLine || (insertBefore && line === edit.startLine)) return line + delta;
  if (line > edit.startLine && line <= edit.endLine) return edit.startLine;
  return line;
}

/** The same for several edits of one change event (applied bottom-up, as their ranges refer to the old text). */
export function shiftLineByEdits(line: number, edits: readonly LineEdit[]): number {
  return [...edits].sort((a, b) => b.startLine - a.startLine).reduce((l, e) => shiftLine(l, e), line);
}
