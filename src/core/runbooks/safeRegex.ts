/**
 * Match rules come from runbook files, so their regular expressions are untrusted. The
 * backtracking engine behind `RegExp` can take exponential time on nested quantifiers
 * (`(a+)+$`). It also takes polynomial time on patterns that look harmless: `.*a.*b` against 500
 * characters runs for half a second, and one more `.*a` makes it forty. Rejecting nested
 * quantifiers would not stop that. A time box would need a `vm` context per test, which costs
 * about 0.25 ms a call and sometimes times out when it should not.
 *
 * Rule patterns therefore run on a Thompson NFA simulation: at most one pass over the subject,
 * tracking a set of program states, so the time is O(subject length × pattern size) whatever the
 * pattern. `RegExp` is only used to check the syntax (so its error messages reach the user) and
 * to run patterns that have no repetition at all, which cannot backtrack. The limits below keep
 * that product small. Backreferences and lookarounds cannot run in linear time, so patterns that
 * use them are rejected with a diagnostic.
 */

import type { CharSet, RegexNode } from './regexSyntax';
import { parseRegex, UnsupportedPattern } from './regexSyntax';

/** Longer patterns are rejected. */
export const MAX_PATTERN_LENGTH = 500;
/** Subjects are tested on their first this-many characters. */
export const MAX_SUBJECT_LENGTH = 4096;
/** Compiled program size (grows with `{n,m}` counts); larger patterns are rejected. */
export const MAX_PROGRAM_SIZE = 5000;

export interface SafePattern {
  readonly source: string;
  /**
   * Case-insensitive search anywhere in the subject, like `new RegExp(source, 'i').test`.
   * `lowered` (the subject lowercased) saves recomputing it when many patterns test one subject.
   */
  test(subject: string, lowered?: string): boolean;
}

export type PatternProblem = 'invalid' | 'unsupported' | 'limit';

export type PatternCompilation =
  | { ok: true; pattern: SafePattern }
  | { ok: false; problem: PatternProblem; message: string };

type Instruction =
  | { op: 'set'; set: CharSet }
  | { op: 'assert'; kind: '^' | '$' | 'b' | 'B' }
  | { op: 'split'; x: number; y: number }
  | { op: 'jump'; x: number }
  | { op: 'match' };

class ProgramTooLarge extends Error {}

export function compileSafePattern(source: string, maxLength = MAX_PATTERN_LENGTH): PatternCompilation {
  if (source.length > maxLength) {
    return { ok: false, problem: 'limit', message: `the pattern is longer than ${maxLength} characters` };
  }
  let native: RegExp;
  try {
    native = new RegExp(source, 'i');
  } catch (e) {
    return { ok: false, problem: 'invalid', message: (e as Error).message };
  }
  let tree: RegexNode;
  try {
    tree = parseRegex(source);
  } catch (e) {
    if (e instanceof UnsupportedPattern) return { ok: false, problem: 'unsupported', message: `${e.message} are not supported` };
    throw e;
  }
  if (!repeats(tree)) {
    // No quantifier that repeats: the backtracking engine is linear here and much faster.
    return { ok: true, pattern: { source, test: (s) => native.test(s.slice(0, MAX_SUBJECT_LENGTH)) } };
  }
  let program: Instruction[];
  try {
    program = compile(tree);
  } catch (e) {
    if (e instanceof ProgramTooLarge) return { ok: false, problem: 'limit', message: 'the pattern expands to too many states' };
    throw e;
  }
  const literal = requiredLiteral(tree);
  const test = (subject: string, lowered?: string): boolean => {
    const s = subject.slice(0, MAX_SUBJECT_LENGTH);
    // A lowered copy of the whole subject only lets more through; the NFA decides.
    if (literal && !(lowered ?? s.toLowerCase()).includes(literal)) return false;
    return run(program, s);
  };
  return { ok: true, pattern: { source, test } };
}

/** Escapes text so that it matches itself literally as a rule pattern. */
export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function repeats(node: RegexNode): boolean {
  switch (node.type) {
    case 'repeat':
      return node.max > 1 || repeats(node.node);
    case 'seq':
      return node.items.some(repeats);
    case 'alt':
      return node.alternatives.some(repeats);
    default:
      return false;
  }
}

function compile(tree: RegexNode): Instruction[] {
  const program: Instruction[] = [];
  const push = (instruction: Instruction): number => {
    if (program.length >= MAX_PROGRAM_SIZE) throw new ProgramTooLarge();
    program.push(instruction);
    return program.length - 1;
  };
  const emit = (node: RegexNode): void => {
    switch (node.type) {
      case 'set':
        push({ op: 'set', set: node.set });
        return;
      case 'assert':
        push({ op: 'assert', kind: node.kind });
        return;
      case 'seq':
        node.items.forEach(emit);
        return;
      case 'alt': {
        const jumps: number[] = [];
        node.alternatives.forEach((alternative, i) => {
          if (i === node.alternatives.length - 1) return emit(alternative);
          const split = push({ op: 'split', x: 0, y: 0 });
          emit(alternative);
          jumps.push(push({ op: 'jump', x: 0 }));
          program[split] = { op: 'split', x: split + 1, y: program.length };
        });
        for (const j of jumps) program[j] = { op: 'jump', x: program.length };
        return;
      }
      case 'repeat': {
        for (let i = 0; i < node.min; i++) emit(node.node);
        if (node.max === Infinity) {
          const split = push({ op: 'split', x: 0, y: 0 });
          emit(node.node);
          push({ op: 'jump', x: split });
          program[split] = { op: 'split', x: split + 1, y: program.length };
          return;
        }
        const splits: number[] = [];
        for (let i = node.min; i < node.max; i++) {
          splits.push(push({ op: 'split', x: 0, y: 0 }));
          emit(node.node);
        }
        for (const s of splits) program[s] = { op: 'split', x: s + 1, y: program.length };
        return;
      }
    }
  };
  emit(tree);
  push({ op: 'match' });
  return program;
}

/** Whether the program matches anywhere in `s`: one pass, every thread advanced in lockstep. */
function run(program: Instruction[], s: string): boolean {
  const n = s.length;
  const seen = new Int32Array(program.length).fill(-1);
  const stack: number[] = [];
  let current: number[] = [];
  let next: number[] = [];

  /** Adds the threads reachable from `start` without consuming input; true when one matches. */
  const addClosure = (list: number[], start: number, at: number, generation: number): boolean => {
    stack.push(start);
    while (stack.length > 0) {
      const pc = stack.pop() as number;
      if (seen[pc] === generation) continue;
      seen[pc] = generation;
      const ins = program[pc] as Instruction;
      switch (ins.op) {
        case 'match':
          stack.length = 0;
          return true;
        case 'set':
          list.push(pc);
          break;
        case 'jump':
          stack.push(ins.x);
          break;
        case 'split':
          stack.push(ins.y, ins.x);
          break;
        case 'assert':
          if (assertionHolds(ins.kind, s, at)) stack.push(pc + 1);
          break;
      }
    }
    return false;
  };

  if (addClosure(current, 0, 0, 0)) return true;
  for (let i = 0; i < n; i++) {
    const code = s.charCodeAt(i);
    const generation = i + 1;
    next.length = 0;
    for (const pc of current) {
      const ins = program[pc] as Instruction & { op: 'set' };
      if (setMatches(ins.set, code) && addClosure(next, pc + 1, i + 1, generation)) return true;
    }
    // A new attempt starts at every position: the search is unanchored.
    if (addClosure(next, 0, i + 1, generation)) return true;
    [current, next] = [next, current];
  }
  return false;
}

function isWordChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
}

function assertionHolds(kind: '^' | '$' | 'b' | 'B', s: string, at: number): boolean {
  if (kind === '^') return at === 0;
  if (kind === '$') return at === s.length;
  const before = at > 0 && isWordChar(s.charCodeAt(at - 1));
  const after = at < s.length && isWordChar(s.charCodeAt(at));
  return kind === 'b' ? before !== after : before === after;
}

const SPACE_CODES = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]);

function inClass(letter: string, code: number): boolean {
  switch (letter) {
    case 'd':
      return code >= 0x30 && code <= 0x39;
    case 'D':
      return !(code >= 0x30 && code <= 0x39);
    case 'w':
      return isWordChar(code);
    case 'W':
      return !isWordChar(code);
    case 's':
      return SPACE_CODES.has(code) || (code >= 0x2000 && code <= 0x200a);
    default:
      return !(SPACE_CODES.has(code) || (code >= 0x2000 && code <= 0x200a));
  }
}

function inSetExactly(set: CharSet, code: number): boolean {
  const r = set.ranges;
  for (let i = 0; i < r.length; i += 2) if (code >= (r[i] as number) && code <= (r[i + 1] as number)) return true;
  for (const letter of set.classes) if (inClass(letter, code)) return true;
  return false;
}

/** Case-insensitive membership: the character, or a case variant of it, is in the set. */
function setMatches(set: CharSet, code: number): boolean {
  let hit = inSetExactly(set, code);
  if (!hit) {
    if (code < 0x80) {
      const lower = code | 0x20;
      if (lower >= 0x61 && lower <= 0x7a) hit = inSetExactly(set, code ^ 0x20);
    } else {
      for (const variant of caseVariants(code)) if (inSetExactly(set, variant)) hit = true;
    }
  }
  return set.negate ? !hit : hit;
}

const variantCache = new Map<number, number[]>();

/**
 * Other cases of a non-ASCII character the way `RegExp` without `u` folds them: through the
 * upper case, and never onto ASCII (so the Kelvin sign does not match `k`).
 */
function caseVariants(code: number): number[] {
  let variants = variantCache.get(code);
  if (variants) return variants;
  const fold = (c: number, f: (s: string) => string): number => {
    const r = f(String.fromCharCode(c));
    return r.length === 1 && r.charCodeAt(0) >= 0x80 ? r.charCodeAt(0) : c;
  };
  const upper = fold(code, (s) => s.toUpperCase());
  variants = [...new Set([upper, fold(upper, (s) => s.toLowerCase()), fold(code, (s) => s.toLowerCase())])].filter((c) => c !== code);
  if (variantCache.size < 4096) variantCache.set(code, variants);
  return variants;
}

/**
 * The longest run of plain ASCII characters every match must contain, lowercased, so most
 * subjects are ruled out with one `includes`. Only ASCII: lowercasing can never hide it then.
 */
function requiredLiteral(tree: RegexNode): string | undefined {
  const items = tree.type === 'seq' ? tree.items : [tree];
  let best = '';
  let run = '';
  for (const item of items) {
    const r = item.type === 'set' ? item.set.ranges : undefined;
    const single =
      item.type === 'set' && !item.set.negate && item.set.classes.length === 0 && r?.length === 2 && r[0] === r[1] && (r[0] as number) < 0x80;
    if (single) {
      run += String.fromCharCode(r[0] as number).toLowerCase();
      if (run.length > best.length) best = run;
    } else {
      run = '';
    }
  }
  return best.length >= 2 ? best : undefined;
}
