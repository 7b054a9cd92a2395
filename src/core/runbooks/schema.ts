/**
 * The runbook front matter schema (documented for users in `runbooks/README.md`):
 *
 *   title: Error rate up right after a deploy      # text
 *   summary: Roll back first, then find the change   # text, one line
 *   services: [checkout, payments]                   # a name or a list of names
 *   severity: SEV2                                   # SEV1 … SEV4
 *   match:
 *     errors: ['pattern', …]   # regular expressions against error titles
 *     logs:   ['pattern', …]   # … against log signatures
 *     alerts: ['pattern', …]   # … against alert names
 *     files:  ['config/**', …] # globs against changed files
 *   levers:                    # steps (ids or headings) that change production
 *     rollback: undo-deploy    #   kind: id or heading, or a list of them
 *     restart: [Restart the pods]
 *   # or as a list: levers: [undo-deploy, "Restart the pods", {rollback: undo-deploy}]
 *
 * Unknown keys are warnings; a value of the wrong type is an error on the key's (or item's)
 * line, and that field is ignored. A rule that is not a valid or supported pattern is an
 * error on its line and is skipped; the other rules still count.
 */

import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { Severity } from '../model/incident';
import { SEVERITIES } from '../model/incident';
import type { MatchKind, MatchRule, RunbookDiagnostic } from '../model/runbooks';
import { MATCH_KINDS } from '../model/runbooks';
import { compileGlob } from './globs';
import { compileSafePattern } from './safeRegex';

export const FRONT_MATTER_KEYS = ['title', 'summary', 'services', 'severity', 'match', 'levers'] as const;
/** More rules than this in one list are ignored (with a warning): matching cost grows with them. */
export const MAX_RULES_PER_KIND = 50;

export interface LeverRef {
  kind: string;
  /** A step id or heading text. */
  ref: string;
  line: number;
}

export interface RunbookFields {
  title?: string;
  summary?: string;
  services: string[];
  severity?: Severity;
  rules: MatchRule[];
  levers: LeverRef[];
}

export function emptyFields(): RunbookFields {
  return { services: [], rules: [], levers: [] };
}

type LineOf = (node: Node | null | undefined) => number;

export function readFields(doc: Document, lineOf: LineOf): { fields: RunbookFields; diagnostics: RunbookDiagnostic[] } {
  const fields = emptyFields();
  const diagnostics: RunbookDiagnostic[] = [];
  const report = (node: Node | null | undefined, severity: RunbookDiagnostic['severity'], code: RunbookDiagnostic['code'], message: string): void =>
    void diagnostics.push({ line: lineOf(node), severity, code, message });
  const resolve = (node: unknown): Node | null => {
    if (isAlias(node)) return (node.resolve(doc) as Node | undefined) ?? null;
    return (node as Node | null) ?? null;
  };
  const typeError = (key: Node, name: string, expected: string, found: Node | null): void =>
    report(key, 'error', 'frontMatter.type', `\`${name}\` must be ${expected}, not ${describe(found)}; it is ignored.`);

  /** A one-line text value, or undefined (reported) when it is something else. */
  const text = (key: Node, name: string, value: Node | null): string | undefined => {
    if (isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number')) {
      const s = String(value.value).replace(/\s+/g, ' ').trim();
      if (s !== '') return s;
    }
    if (isEmpty(value)) report(key, 'warning', 'frontMatter.value', `\`${name}\` is empty.`);
    else typeError(key, name, 'text', value);
    return undefined;
  };

  /** A name or a list of names: each item a line of text, reported item by item. */
  const list = (key: Node, name: string, value: Node | null, what: string): { value: string; line: number }[] => {
    if (isEmpty(value)) return [];
    const items = isSeq(value) ? value.items.map(resolve) : isScalar(value) ? [value] : undefined;
    if (!items) {
      typeError(key, name, `${what} or a list of them`, value);
      return [];
    }
    const out: { value: string; line: number }[] = [];
    for (const item of items) {
      if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number') && String(item.value).trim() !== '') {
        out.push({ value: String(item.value).trim(), line: lineOf(item) });
      } else {
        report(item ?? key, 'error', 'frontMatter.type', `Each item of \`${name}\` must be ${what}, not ${describe(item)}; the item is ignored.`);
      }
    }
    return out;
  };

  for (const pair of (doc.contents as { items?: Pair<unknown, unknown>[] } | null)?.items ?? []) {
    const key = pair.key as Node;
    const name = isScalar(key) ? String(key.value) : undefined;
    const value = resolve(pair.value);
    if (name === undefined) {
      report(key, 'error', 'frontMatter.type', 'Front matter keys must be plain words.');
      continue;
    }
    switch (name) {
      case 'title':
      case 'summary': {
        const s = text(key, name, value);
        if (s !== undefined) fields[name] = s;
        break;
      }
      case 'services':
        fields.services = [...new Set(list(key, name, value, 'a service name').map((s) => s.value))];
        break;
      case 'severity': {
        const s = text(key, name, value);
        const severity = SEVERITIES.find((v) => v === s?.toUpperCase());
        if (severity) fields.severity = severity;
        else if (s !== undefined) report(key, 'warning', 'frontMatter.value', `\`severity\` must be one of ${SEVERITIES.join(', ')} (found '${s}'); it is ignored.`);
        break;
      }
      case 'match':
        if (isMap(value)) readMatch(value.items as Pair<unknown, unknown>[]);
        else if (!isEmpty(value)) typeError(key, name, `a map of ${MATCH_KINDS.join(', ')}`, value);
        break;
      case 'levers':
        readLevers(key, value);
        break;
      default:
        report(key, 'warning', 'frontMatter.unknownKey', unknownKeyMessage(name, FRONT_MATTER_KEYS, ''));
    }
  }
  return { fields, diagnostics };

  function readMatch(pairs: Pair<unknown, unknown>[]): void {
    for (const pair of pairs) {
      const key = pair.key as Node;
      const kind = isScalar(key) ? String(key.value) : '';
      if (!(MATCH_KINDS as readonly string[]).includes(kind)) {
        report(key, 'warning', 'frontMatter.unknownKey', unknownKeyMessage(kind, MATCH_KINDS, 'match.'));
        continue;
      }
      const what = kind === 'files' ? 'a glob' : 'a regular expression';
      const patterns = list(key, `match.${kind}`, resolve(pair.value), what);
      if (patterns.length > MAX_RULES_PER_KIND) {
        const first = patterns[MAX_RULES_PER_KIND] as { line: number };
        diagnostics.push({ line: first.line, severity: 'warning', code: 'rule.limit', message: `Only the first ${MAX_RULES_PER_KIND} rules of match.${kind} are used.` });
      }
      for (const { value: pattern, line } of patterns.slice(0, MAX_RULES_PER_KIND)) {
        const compiled = kind === 'files' ? compileGlob(pattern) : compileSafePattern(pattern);
        if (compiled.ok) {
          fields.rules.push({ kind: kind as MatchKind, pattern, line });
          continue;
        }
        const code = compiled.problem === 'invalid' ? 'rule.invalid' : compiled.problem === 'limit' ? 'rule.limit' : 'rule.unsupported';
        const label = kind === 'files' ? 'glob' : 'regular expression';
        diagnostics.push({ line, severity: 'error', code, message: `The ${label} in match.${kind} cannot be used (${compiled.message}); this rule is skipped.` });
      }
    }
  }

  function readLevers(key: Node, value: Node | null): void {
    const add = (kind: string, ref: { value: string; line: number }): void => {
      const k = kind.trim().toLowerCase();
      if (!/^[a-z][a-z0-9-]{0,39}$/.test(k)) {
        diagnostics.push({ line: ref.line, severity: 'warning', code: 'frontMatter.value', message: `Lever kind '${kind}' must be a lowercase word such as rollback or restart; using 'other'.` });
      }
      fields.levers.push({ kind: /^[a-z][a-z0-9-]{0,39}$/.test(k) ? k : 'other', ref: ref.value, line: ref.line });
    };
    const fromMap = (pairs: Pair<unknown, unknown>[]): void => {
      for (const pair of pairs) {
        const kindNode = pair.key as Node;
        const kind = isScalar(kindNode) ? String(kindNode.value) : '';
        for (const ref of list(kindNode, `levers.${kind}`, resolve(pair.value), 'a step id or heading')) add(kind, ref);
      }
    };
    if (isEmpty(value)) return;
    if (isMap(value)) return fromMap(value.items as Pair<unknown, unknown>[]);
    if (!isSeq(value) && !isScalar(value)) return typeError(key, 'levers', 'a map of kind: step, or a list of steps', value);
    for (const item of isSeq(value) ? value.items.map(resolve) : [value]) {
      if (isMap(item) && item.items.length === 1) fromMap(item.items as Pair<unknown, unknown>[]);
      else if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number')) add('other', { value: String(item.value).trim(), line: lineOf(item) });
      else report(item ?? key, 'error', 'frontMatter.type', `Each lever must be a step id or heading, or \`kind: step\`, not ${describe(item)}.`);
    }
  }
}

function isEmpty(node: Node | null): boolean {
  return node === null || (isScalar(node) && (node.value === null || node.value === ''));
}

function describe(node: Node | null | undefined): string {
  if (node === null || node === undefined || (isScalar(node) && node.value === null)) return 'empty';
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (typeof node.value === 'boolean') return `${String(node.value)} (true/false)`;
    if (typeof node.value === 'number') return `the number ${String(node.value)}`;
    return `'${String(node.value)}'`;
  }
  return 'something else';
}

function unknownKeyMessage(name: string, known: readonly string[], prefix: string): string {
  const close = known.find((k) => editDistance(name.toLowerCase(), k) <= 2);
  const hint = close ? ` Did you mean \`${prefix}${close}\`?` : ` Known: ${known.map((k) => prefix + k).join(', ')}.`;
  return `Unknown field \`${prefix}${name}\`; it is ignored.${hint}`;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || a.length > 40) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] as number;
}
