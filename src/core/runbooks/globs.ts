/**
 * File globs of `match.files`, matched against changed files.
 *
 * The regular expressions picomatch builds backtrack: `*a*a*a*b` takes seconds against one
 * 250-character path segment, and a runbook is untrusted. So a glob is translated here into the
 * pattern subset of `safeRegex.ts` and runs on its linear-time matcher. The unit tests check
 * this translation against picomatch (`dot: true`, `nocase: true`, `basename: true`) on
 * generated globs and paths. Supported: `*`, `**` as a whole segment, `?`, `[abc]`, `[a-z]`,
 * `[!a]`, `{a,b}` (nested, up to 32 alternatives in all), `\` escapes. Extglobs (`@(…)`,
 * `!(…)`), POSIX classes and leading `!` negation are rejected with a diagnostic. Deliberate
 * choices:
 * - a glob without `/` matches the file name at any depth (`*.sql`), as in `.gitignore`.
 * - a glob ending in `/` means everything under that folder (`config/` = `config/**`).
 * - matching ignores case and includes dotfiles.
 */

import type { PatternCompilation } from './safeRegex';
import { compileSafePattern, escapeRegExp } from './safeRegex';

export const MAX_GLOB_LENGTH = 200;
const MAX_ALTERNATIVES = 32;

export type GlobCompilation = PatternCompilation;

/** Repository-relative, `/`-separated, without `./` or a leading `/`. */
export function normalizePath(path: string): string {
  let p = path.replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  return p.replace(/^\/+/, '');
}

export function compileGlob(glob: string): GlobCompilation {
  if (glob.length > MAX_GLOB_LENGTH) return { ok: false, problem: 'limit', message: `the glob is longer than ${MAX_GLOB_LENGTH} characters` };
  if (glob.trim() === '') return { ok: false, problem: 'invalid', message: 'the glob is empty' };
  if (glob.startsWith('!')) return { ok: false, problem: 'unsupported', message: 'negated globs (a leading !) are not supported' };
  if (/[@!+*?]\(/.test(glob)) return { ok: false, problem: 'unsupported', message: 'extglobs such as @(a|b) are not supported; use {a,b}' };
  if (glob.includes('[[:')) return { ok: false, problem: 'unsupported', message: 'POSIX character classes are not supported' };
  let alternatives: string[];
  try {
    const normalized = normalizePath(glob.trim());
    alternatives = expandBraces(normalized.endsWith('/') ? `${normalized}**` : normalized);
  } catch {
    return { ok: false, problem: 'limit', message: `the glob expands to more than ${MAX_ALTERNATIVES} alternatives` };
  }
  const sources = alternatives.map(globToRegex);
  const source = sources.length === 1 ? (sources[0] as string) : `(?:${sources.join('|')})`;
  const compiled = compileSafePattern(source, 20_000);
  if (!compiled.ok) return compiled;
  const { test } = compiled.pattern;
  return { ok: true, pattern: { source: glob, test: (path, lowered) => test(normalizePath(path), lowered === undefined ? undefined : normalizePath(lowered)) } };
}

/** `{a,b}c` → `ac`, `bc`. Commas and braces inside `[…]` or after `\` are literal. */
export function expandBraces(glob: string): string[] {
  const open = findBrace(glob);
  if (!open) return [glob];
  const { start, end, parts } = open;
  const out: string[] = [];
  for (const part of parts) {
    for (const expanded of expandBraces(glob.slice(0, start) + part + glob.slice(end + 1))) {
      out.push(expanded);
      if (out.length > MAX_ALTERNATIVES) throw new Error('too many alternatives');
    }
  }
  return out;
}

/** The first top-level `{…}` that contains a comma, split at its top-level commas. */
function findBrace(glob: string): { start: number; end: number; parts: string[] } | undefined {
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      const close = classEnd(glob, i);
      if (close > 0) i = close;
      continue;
    }
    if (c !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    for (let j = i; j < glob.length; j++) {
      const d = glob[j];
      if (d === '\\') j++;
      else if (d === '{') depth++;
      else if (d === ',' && depth === 1) commas.push(j);
      else if (d === '}' && --depth === 0) {
        if (commas.length === 0) break; // `{a}` is literal
        const bounds = [i, ...commas, j];
        const parts = bounds.slice(1).map((b, k) => glob.slice((bounds[k] as number) + 1, b));
        return { start: i, end: j, parts };
      }
    }
  }
  return undefined;
}

/** Index of the `]` closing a class opened at `open`, or -1 when it is a literal `[`. */
function classEnd(glob: string, open: number): number {
  let k = open + 1;
  if (glob[k] === '!' || glob[k] === '^') k++;
  if (glob[k] === ']') k++; // a leading ] is part of the class
  for (; k < glob.length; k++) {
    if (glob[k] === '\\') k++;
    else if (glob[k] === ']') return k;
    else if (glob[k] === '/') return -1;
  }
  return -1;
}

function globToRegex(glob: string): string {
  // `**/**` means the same as `**`.
  const segments = glob.split('/').filter((s, i, all) => !(s === '**' && all[i - 1] === '**'));
  const anywhere = segments.length === 1 && segments[0] !== '**';
  let out = anywhere ? '(?:.*/)?' : '';
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') {
      if (segments.length === 1) out += '.*';
      else if (last) out += '(?:/.*)?';
      else out += i === 0 ? '(?:.*/)?' : '/(?:.*/)?';
      return;
    }
    const previousIsGlobstar = i > 0 && segments[i - 1] === '**';
    if (i > 0 && !previousIsGlobstar) out += '/';
    out += segmentToRegex(segment);
  });
  return `^${out}$`;
}

function segmentToRegex(segment: string): string {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === '*') {
      while (segment[i + 1] === '*') i++;
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '\\') {
      const next = segment[i + 1];
      if (next !== undefined) {
        out += escapeRegExp(next);
        i++;
      }
    } else if (c === '[') {
      const close = classEnd(segment, i);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      // Keep ranges and escapes; quote what would end or change the class in a regex.
      const escaped = body.replace(/\\(.)|([\]\[^])/g, (_m, esc: string | undefined, special: string | undefined) => `\\${esc ?? special ?? ''}`);
      out += negate ? `[^/${escaped}]` : `[${escaped}]`;
      i = close;
    } else {
      out += escapeRegExp(c);
    }
  }
  return out;
}
