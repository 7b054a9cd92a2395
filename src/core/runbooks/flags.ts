/**
 * A feature-flag file (JSON or YAML) as the Runbooks view shows it, and flipping one flag by
 * replacing exactly the characters of its value. JSON is read with the YAML parser (JSON is
 * YAML 1.2), so both formats share one reader and the source ranges of every value: comments,
 * key order, quoting and indentation elsewhere in the file stay byte for byte as they were.
 *
 * A flag is a leaf whose value is a boolean, at any depth; its path is the keys from the top
 * (`checkout.newFlow`). Flags nested as `{ enabled: true }` show as `checkout.enabled`.
 */

import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';

export interface Flag {
  /** Keys from the top, e.g. `['checkout', 'newFlow']`. */
  path: string[];
  value: boolean;
  /** Offsets of the value's characters in the file text. */
  start: number;
  end: number;
  /** 0-based line of the value. */
  line: number;
}

export type FlagsReading = { ok: true; flags: Flag[] } | { ok: false; message: string };

const MAX_FLAGS = 500;

export function readFlags(text: string): FlagsReading {
  const doc = parseDocument(text, { uniqueKeys: false, keepSourceTokens: false });
  if (doc.errors.length > 0) return { ok: false, message: doc.errors[0]?.message.split('\n')[0] ?? 'not valid JSON or YAML' };
  const flags: Flag[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (flags.length >= MAX_FLAGS || path.length > 16) return;
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const key = isScalar(item.key) ? String(item.key.value) : undefined;
        if (key !== undefined) walk(item.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...path, String(i)]));
    } else if (isScalar(node) && typeof node.value === 'boolean' && node.range) {
      const [start, end] = node.range;
      flags.push({ path, value: node.value, start, end, line: lineAt(text, start) });
    }
  };
  walk(doc.contents as Node | null, []);
  return { ok: true, flags };
}

/** The file with one flag's value replaced by its opposite; nothing else changes. */
export function flipFlag(text: string, flag: Flag): string {
  const current = text.slice(flag.start, flag.end);
  const next = booleanLiteral(current, !flag.value);
  return text.slice(0, flag.start) + next + text.slice(flag.end);
}

/** Keeps the file's spelling: `True` stays capitalised, `"true"` is never produced (strings are not flags). */
function booleanLiteral(current: string, value: boolean): string {
  const word = value ? 'true' : 'false';
  if (current === current.toUpperCase() && /[A-Z]/.test(current)) return word.toUpperCase();
  if (/^[A-Z]/.test(current)) return word[0]!.toUpperCase() + word.slice(1);
  return word;
}

export function flagName(flag: Flag): string {
  return flag.path.join('.') || '(top level)';
}

function lineAt(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
