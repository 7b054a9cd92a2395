/**
 * Placeholders in runbook steps: values the responder supplies before a step runs.
 *
 * Two spellings are placeholders:
 * - `{{name}}` (also `{{ name }}`): never valid shell, so a block copied without filling it
 *   fails loudly instead of doing something. This is the recommended spelling. Names start with
 *   a letter or `_` and go on with letters, digits, `_` and `-`. Go template actions such as
 *   `{{.metadata.name}}` or `{{end}}` (kubectl `-o go-template`) are left alone.
 * - `${UPPER_CASE}`: for runbooks written with shell-style names. It is not a placeholder when
 *   the step assigns it itself (`NAME=…`, `export NAME=…`, `for NAME in`, `read NAME`), when it
 *   is a well-known environment variable (`${HOME}`, `${PATH}`, …), or when it is escaped
 *   (`\${NAME}`, `$${NAME}`).
 * `$NAME`, `${lower}` and `${NAME:-default}` are ordinary shell and are never placeholders. An
 * unfilled `${NAME}` would expand to an empty string, and `kubectl -n  rollout undo` acts on the
 * default namespace. So views must refuse to run a step while `missing` is not empty.
 */

import type { PlaceholderRef } from '../model/runbooks';

/** Go template keywords: `{{end}}` in a kubectl template is not a placeholder. */
const GO_TEMPLATE_WORDS = new Set(['end', 'else', 'if', 'range', 'with', 'define', 'template', 'block', 'break', 'continue', 'nil']);

/** Environment variables a shell always provides; `${HOME}` in a step means the shell's. */
const ENVIRONMENT_VARIABLES = new Set([
  'HOME',
  'PATH',
  'USER',
  'LOGNAME',
  'PWD',
  'OLDPWD',
  'SHELL',
  'TMPDIR',
  'HOSTNAME',
  'LANG',
  'TERM',
  'EDITOR',
  'RANDOM',
  'SECONDS',
  'UID',
]);

// Linear: fixed prefixes, one bounded run of name characters, no nested quantifiers.
const PLACEHOLDER = /\{\{[ \t]*([A-Za-z_][A-Za-z0-9_-]{0,63})[ \t]*\}\}|\$\{([A-Z_][A-Z0-9_]{0,63})\}/g;

export function findPlaceholders(text: string): PlaceholderRef[] {
  const assigned = assignedVariables(text);
  const refs: PlaceholderRef[] = [];
  const starts = lineOffsets(text);
  let line = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const index = m.index ?? 0;
    while (line + 1 < starts.length && (starts[line + 1] as number) <= index) line++;
    const column = index - (starts[line] as number);
    const mustache = m[1];
    if (mustache !== undefined) {
      if (GO_TEMPLATE_WORDS.has(mustache)) continue;
      refs.push({ name: mustache, syntax: 'mustache', raw: m[0], line, column });
      continue;
    }
    const name = m[2] as string;
    const before = text[index - 1];
    if (before === '\\' || before === '$' || ENVIRONMENT_VARIABLES.has(name) || assigned.has(name)) continue;
    refs.push({ name, syntax: 'env', raw: m[0], line, column });
  }
  return refs;
}

/** Distinct placeholder names in order of first appearance. */
export function placeholderNames(text: string): string[] {
  return [...new Set(findPlaceholders(text).map((r) => r.name))];
}

export type PlaceholderValues = ReadonlyMap<string, string> | Readonly<Record<string, string | undefined>>;

export interface PlaceholderFill {
  /** The text with every placeholder that has a value replaced; the others are left as written. */
  text: string;
  /** Names without a value (or with an empty one), in order of appearance. */
  missing: string[];
  /** Names whose value has characters with a meaning in shell (spaces, quotes, `;`, `$`, …). */
  unsafe: string[];
}

function lookup(values: PlaceholderValues, name: string): string | undefined {
  let value: string | undefined;
  if (values instanceof Map) value = values.get(name);
  // An own property only: `constructor` must not come from the prototype.
  else if (Object.prototype.hasOwnProperty.call(values, name)) value = (values as Readonly<Record<string, string | undefined>>)[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * Replaces placeholders with values as plain text, without quoting: a value goes where the
 * author put the placeholder, quotes included. `unsafe` lists values a view should show before
 * running, because they would be more than one shell word.
 */
export function fillPlaceholders(text: string, values: PlaceholderValues): PlaceholderFill {
  const missing = new Set<string>();
  const unsafe = new Set<string>();
  const refs = findPlaceholders(text);
  let out = '';
  let at = 0;
  const lineStarts = lineOffsets(text);
  for (const ref of refs) {
    const index = (lineStarts[ref.line] as number) + ref.column;
    const value = lookup(values, ref.name);
    if (value === undefined) {
      missing.add(ref.name);
      continue;
    }
    if (!isPlainShellWord(value)) unsafe.add(ref.name);
    out += text.slice(at, index) + value;
    at = index + ref.raw.length;
  }
  return { text: out + text.slice(at), missing: [...missing], unsafe: [...unsafe] };
}

export function missingPlaceholders(text: string, values: PlaceholderValues): string[] {
  return fillPlaceholders(text, values).missing;
}

/** True when the value is a single shell word that needs no quoting. */
export function isPlainShellWord(value: string): boolean {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value);
}

function lineOffsets(text: string): number[] {
  const starts = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) starts.push(k + 1);
  return starts;
}

/** Upper-case names the text gives a value to itself, so `${NAME}` there is a shell variable. */
function assignedVariables(text: string): Set<string> {
  const names = new Set<string>();
  // Each pattern starts at a word boundary with a fixed keyword or the name itself: linear.
  for (const m of text.matchAll(/(?:^|[\s;&|(])([A-Z_][A-Z0-9_]{0,63})=/g)) names.add(m[1] as string);
  for (const m of text.matchAll(/\bfor[ \t]+([A-Z_][A-Z0-9_]{0,63})[ \t]+in\b/g)) names.add(m[1] as string);
  for (const m of text.matchAll(/\bread\b([^\n;&|]{0,200})/g)) {
    for (const word of (m[1] as string).split(/[ \t]+/)) if (/^[A-Z_][A-Z0-9_]*$/.test(word)) names.add(word);
  }
  return names;
}
