/**
 * A parser for the part of JavaScript regular expression syntax (without the `u` flag) that a
 * linear-time matcher can run: literals, classes, `.`, `^`, `$`, `\b`, groups, alternation and
 * quantifiers. It throws `UnsupportedPattern` for backreferences and lookarounds, the only common
 * features that need backtracking. Callers check a pattern with `new RegExp` first, so this
 * parser handles only valid patterns. Anything odd in them is reported as unsupported, never
 * given different semantics.
 */

export class UnsupportedPattern extends Error {}

/** Ranges are [lo, hi] pairs of UTF-16 code units. Classes are the `\d`-style escapes. */
export interface CharSet {
  negate: boolean;
  ranges: number[];
  classes: string[];
}

export type RegexNode =
  | { type: 'set'; set: CharSet }
  | { type: 'assert'; kind: '^' | '$' | 'b' | 'B' }
  | { type: 'seq'; items: RegexNode[] }
  | { type: 'alt'; alternatives: RegexNode[] }
  | { type: 'repeat'; node: RegexNode; min: number; max: number };

/** Counts are expanded into program states; the program size limit is the real guard. */
export const MAX_REPEAT_COUNT = 1000;

const LINE_TERMINATORS = [0x0a, 0x0a, 0x0d, 0x0d, 0x2028, 0x2029];

export function charSet(code: number): CharSet {
  return { negate: false, ranges: [code, code], classes: [] };
}

export function parseRegex(pattern: string): RegexNode {
  const parser = new Parser(pattern);
  const node = parser.alternation();
  if (!parser.done()) throw new UnsupportedPattern(`unexpected '${pattern[parser.pos] ?? ''}'`);
  return node;
}

class Parser {
  pos = 0;
  constructor(private readonly src: string) {}

  done(): boolean {
    return this.pos >= this.src.length;
  }

  alternation(): RegexNode {
    const alternatives = [this.sequence()];
    while (this.src[this.pos] === '|') {
      this.pos++;
      alternatives.push(this.sequence());
    }
    return alternatives.length === 1 ? (alternatives[0] as RegexNode) : { type: 'alt', alternatives };
  }

  private sequence(): RegexNode {
    const items: RegexNode[] = [];
    while (!this.done() && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
      const atom = this.atom();
      items.push(this.quantified(atom));
    }
    return items.length === 1 ? (items[0] as RegexNode) : { type: 'seq', items };
  }

  private quantified(node: RegexNode): RegexNode {
    const c = this.src[this.pos];
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
      // Without the `u` flag a brace that is not a quantifier is a literal.
      if (!m) return node;
      this.pos += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (min > MAX_REPEAT_COUNT || (max !== Infinity && max > MAX_REPEAT_COUNT)) {
        throw new UnsupportedPattern(`repeat counts above ${MAX_REPEAT_COUNT}`);
      }
    } else {
      return node;
    }
    // Lazy or greedy makes no difference to whether there is a match.
    if (this.src[this.pos] === '?') this.pos++;
    return { type: 'repeat', node, min, max };
  }

  private atom(): RegexNode {
    const c = this.src[this.pos++] as string;
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return { type: 'set', set: this.charClass() };
      case '.':
        return { type: 'set', set: { negate: true, ranges: LINE_TERMINATORS, classes: [] } };
      case '^':
      case '$':
        return { type: 'assert', kind: c };
      case '\\':
        return this.escape();
      default:
        return { type: 'set', set: charSet(c.charCodeAt(0)) };
    }
  }

  private group(): RegexNode {
    const rest = this.src.slice(this.pos);
    if (rest.startsWith('?=') || rest.startsWith('?!') || rest.startsWith('?<=') || rest.startsWith('?<!')) {
      throw new UnsupportedPattern('lookahead and lookbehind');
    }
    if (rest.startsWith('?:')) this.pos += 2;
    else if (rest.startsWith('?<')) {
      const close = rest.indexOf('>');
      if (close < 0) throw new UnsupportedPattern('an unterminated group name');
      this.pos += close + 1;
    } else if (rest.startsWith('?')) throw new UnsupportedPattern(`the group '(${rest.slice(0, 3)}'`);
    const inner = this.alternation();
    if (this.src[this.pos] !== ')') throw new UnsupportedPattern('an unclosed group');
    this.pos++;
    return inner;
  }

  private escape(): RegexNode {
    const c = this.src[this.pos++];
    if (c === undefined) throw new UnsupportedPattern('a trailing backslash');
    if (c === 'b' || c === 'B') return { type: 'assert', kind: c };
    if ('dDwWsS'.includes(c)) return { type: 'set', set: { negate: false, ranges: [], classes: [c] } };
    return { type: 'set', set: charSet(this.escapedChar(c, false)) };
  }

  /** The code unit of an escape that stands for one character (`c` is the letter after `\`). */
  private escapedChar(c: string, inClass: boolean): number {
    switch (c) {
      case 'n':
        return 0x0a;
      case 'r':
        return 0x0d;
      case 't':
        return 0x09;
      case 'f':
        return 0x0c;
      case 'v':
        return 0x0b;
      case 'b':
        return 0x08; // only reached inside a class, where \b is a backspace
      case 'x':
      case 'u': {
        const len = c === 'x' ? 2 : 4;
        const hex = this.src.slice(this.pos, this.pos + len);
        if (hex.length === len && /^[0-9a-fA-F]+$/.test(hex)) {
          this.pos += len;
          return parseInt(hex, 16);
        }
        return c.charCodeAt(0);
      }
      case 'c': {
        const letter = this.src[this.pos];
        if (letter !== undefined && /[A-Za-z]/.test(letter)) {
          this.pos++;
          return letter.charCodeAt(0) % 32;
        }
        throw new UnsupportedPattern('\\c without a control letter');
      }
      case 'k':
        throw new UnsupportedPattern('backreferences');
      default:
        break;
    }
    if (c === '0' && !/[0-9]/.test(this.src[this.pos] ?? '')) return 0;
    if (/[0-9]/.test(c)) throw new UnsupportedPattern(inClass ? 'octal escapes' : 'backreferences and octal escapes');
    return c.charCodeAt(0);
  }

  private charClass(): CharSet {
    const set: CharSet = { negate: false, ranges: [], classes: [] };
    if (this.src[this.pos] === '^') {
      set.negate = true;
      this.pos++;
    }
    while (this.src[this.pos] !== ']') {
      if (this.done()) throw new UnsupportedPattern('an unclosed character class');
      const lo = this.classAtom();
      if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']' && this.pos + 1 < this.src.length) {
        this.pos++;
        const hi = this.classAtom();
        if (typeof lo === 'number' && typeof hi === 'number') {
          set.ranges.push(lo, hi);
          continue;
        }
        // `[\w-z]`: a class escape cannot bound a range, so the hyphen is literal.
        addClassAtom(set, lo);
        addClassAtom(set, 0x2d);
        addClassAtom(set, hi);
        continue;
      }
      addClassAtom(set, lo);
    }
    this.pos++;
    return set;
  }

  /** A code unit, or the letter of a class escape such as `d`. */
  private classAtom(): number | string {
    const c = this.src[this.pos++] as string;
    if (c !== '\\') return c.charCodeAt(0);
    const e = this.src[this.pos++];
    if (e === undefined) throw new UnsupportedPattern('a trailing backslash');
    if ('dDwWsS'.includes(e)) return e;
    return this.escapedChar(e, true);
  }
}

function addClassAtom(set: CharSet, atom: number | string): void {
  if (typeof atom === 'number') set.ranges.push(atom, atom);
  else set.classes.push(atom);
}
