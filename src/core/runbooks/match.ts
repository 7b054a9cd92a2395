/**
 * Suggesting runbooks for the active incident, each with the reasons it was suggested.
 *
 * Scores add up per runbook: each kind of rule (logs, errors, alerts, files) that matches counts
 * once with its weight, plus a quarter for each further subject it matched (up to three), and
 * each shared service adds a little. A runbook without match rules can only be found by service
 * and by the words of its title and headings (the weakest signal).
 *
 * Cost: every pattern runs on the linear-time matcher (see `safeRegex.ts`, `globs.ts`), each
 * subject is tested on at most its first 4,096 characters, and only the first
 * `MAX_SUBJECTS_PER_KIND` distinct subjects of each kind are looked at.
 */

import type { MatchKind, MatchReason, MatchReasonKind, Runbook, RunbookMatchContext, RunbookSuggestion } from '../model/runbooks';
import { compileGlob, normalizePath } from './globs';
import type { SafePattern } from './safeRegex';
import { compileSafePattern } from './safeRegex';
import { codeSpan } from './text';
import { significantWords, wordOverlap } from './words';

export const RULE_WEIGHTS: Readonly<Record<MatchKind, number>> = { logs: 40, errors: 40, alerts: 30, files: 15 };
export const SERVICE_WEIGHT = 10;
export const TITLE_WORD_WEIGHT = 3;
export const HEADING_WORD_WEIGHT = 1;
/** Words never outweigh a service or a rule. */
export const MAX_WORDS_WEIGHT = 6;
/** Below this a words-only runbook is not suggested: one title word, or three heading words. */
const MIN_WORDS_WEIGHT = 3;
export const MAX_SUBJECTS_PER_KIND = 2000;

const REASON_KIND: Readonly<Record<MatchKind, MatchReasonKind>> = { logs: 'log', errors: 'error', alerts: 'alert', files: 'file' };
const SUBJECT_NOUN: Readonly<Record<MatchKind, [string, string]>> = {
  logs: ['log signature', 'log signatures'],
  errors: ['error', 'errors'],
  alerts: ['alert', 'alerts'],
  files: ['changed file', 'changed files'],
};

export interface RunbookMatcher {
  /** Suggestions with a score above zero, best first; `limit` keeps only the top ones. */
  match(runbooks: readonly Runbook[], context: RunbookMatchContext, limit?: number): RunbookSuggestion[];
}

/**
 * A matcher keeps compiled patterns between calls, so a view can re-rank on every refresh
 * without compiling again. Patterns were validated when the runbook was parsed.
 */
export function createRunbookMatcher(): RunbookMatcher {
  const cache = new Map<string, SafePattern | undefined>();
  const compiled = (kind: MatchKind, pattern: string): SafePattern | undefined => {
    const key = `${kind}\u0000${pattern}`;
    if (!cache.has(key)) {
      const c = kind === 'files' ? compileGlob(pattern) : compileSafePattern(pattern);
      if (cache.size > 5000) cache.clear();
      cache.set(key, c.ok ? c.pattern : undefined);
    }
    return cache.get(key);
  };

  return {
    match(runbooks, context, limit) {
      const subjects = prepareSubjects(context);
      const loweredSubjects = {
        errors: subjects.errors.map((s) => s.toLowerCase()),
        logs: subjects.logs.map((s) => s.toLowerCase()),
        alerts: subjects.alerts.map((s) => s.toLowerCase()),
        files: subjects.files.map((s) => s.toLowerCase()),
      };
      const contextWords = new Set<string>();
      for (const s of [...subjects.errors, ...subjects.logs, ...subjects.alerts].slice(0, 500)) for (const w of significantWords(s)) contextWords.add(w);
      const services = new Set((context.services ?? []).map((s) => s.trim().toLowerCase()).filter((s) => s !== ''));

      const suggestions: RunbookSuggestion[] = [];
      for (const runbook of runbooks) {
        const reasons: MatchReason[] = [];
        // Per kind: each matched subject with the first rule that matched it.
        const hits = new Map<MatchKind, Map<string, string>>();
        for (const rule of runbook.rules) {
          const pattern = compiled(rule.kind, rule.pattern);
          if (!pattern) continue;
          const lowered = loweredSubjects[rule.kind];
          const found = hits.get(rule.kind) ?? new Map<string, string>();
          subjects[rule.kind].forEach((s, i) => {
            if (!found.has(s) && pattern.test(s, lowered[i])) found.set(s, rule.pattern);
          });
          if (found.size > 0) hits.set(rule.kind, found);
        }
        for (const [kind, found] of hits) reasons.push(ruleReason(kind, found));
        for (const service of runbook.services) {
          if (!services.has(service.toLowerCase())) continue;
          reasons.push({ kind: 'service', text: `service ${codeSafe(service)}`, subject: service, count: 1, weight: SERVICE_WEIGHT });
        }
        if (runbook.rules.length === 0) {
          const words = wordsReason(runbook, contextWords);
          if (words) reasons.push(words);
        }
        if (reasons.length === 0) continue;
        reasons.sort((a, b) => b.weight - a.weight);
        suggestions.push({ runbook, score: reasons.reduce((sum, r) => sum + r.weight, 0), reasons });
      }
      suggestions.sort(
        (a, b) =>
          b.score - a.score ||
          b.reasons.length - a.reasons.length ||
          a.runbook.title.localeCompare(b.runbook.title) ||
          a.runbook.path.localeCompare(b.runbook.path),
      );
      return limit === undefined ? suggestions : suggestions.slice(0, Math.max(0, limit));
    },
  };
}

/** One-off ranking; keep a `createRunbookMatcher()` instead when matching repeatedly. */
export function matchRunbooks(runbooks: readonly Runbook[], context: RunbookMatchContext, limit?: number): RunbookSuggestion[] {
  return createRunbookMatcher().match(runbooks, context, limit);
}

function prepareSubjects(context: RunbookMatchContext): Record<MatchKind, string[]> {
  const distinct = (values: readonly string[] | undefined, normalize: (s: string) => string = (s) => s): string[] => {
    const out = new Set<string>();
    for (const v of values ?? []) {
      if (typeof v !== 'string') continue;
      const n = normalize(v);
      if (n.trim() === '') continue;
      out.add(n);
      if (out.size >= MAX_SUBJECTS_PER_KIND) break;
    }
    return [...out];
  };
  return {
    errors: distinct(context.errorTitles),
    logs: distinct(context.logSignatures),
    alerts: distinct(context.alertNames),
    files: distinct(context.changedFiles, normalizePath),
  };
}

/**
 * One reason per kind. More matched subjects add a quarter weight each, up to three: more
 * evidence from the incident counts, but not more rules written into the runbook.
 */
function ruleReason(kind: MatchKind, found: ReadonlyMap<string, string>): MatchReason {
  const [first, pattern] = found.entries().next().value as [string, string];
  const extra = found.size - 1;
  const [one, many] = SUBJECT_NOUN[kind];
  const more = extra > 0 ? ` (and ${extra} more ${extra === 1 ? one : many})` : '';
  const text = kind === 'files' ? `${one} ${codeSpan(first)} matches ${codeSpan(pattern)}${more}` : `matches ${one} ${codeSpan(first)}${more}`;
  const weight = RULE_WEIGHTS[kind] * (1 + Math.min(3, extra) / 4);
  return { kind: REASON_KIND[kind], text, subject: first, pattern, count: found.size, weight };
}

function wordsReason(runbook: Runbook, contextWords: ReadonlySet<string>): MatchReason | undefined {
  if (contextWords.size === 0) return undefined;
  const headings = runbook.headings.filter((h) => h.text !== runbook.title).map((h) => h.text);
  const { titleWords, headingWords } = wordOverlap(runbook.title, headings, contextWords);
  const weight = Math.min(MAX_WORDS_WEIGHT, titleWords.length * TITLE_WORD_WEIGHT + headingWords.length * HEADING_WORD_WEIGHT);
  if (weight < MIN_WORDS_WEIGHT) return undefined;
  const list = (words: string[]): string => words.slice(0, 5).map((w) => codeSpan(w)).join(', ');
  const parts: string[] = [];
  if (titleWords.length > 0) parts.push(`title shares ${list(titleWords)}`);
  if (headingWords.length > 0) parts.push(`headings share ${list(headingWords)}`);
  const all = [...titleWords, ...headingWords];
  return { kind: 'words', text: `${parts.join('; ')} with the incident`, subject: all.join(' '), count: all.length, weight };
}

/** A service name as plain text in a reason; names with odd characters get a code span. */
function codeSafe(name: string): string {
  return /^[\w.-]{1,80}$/.test(name) ? name : codeSpan(name);
}
