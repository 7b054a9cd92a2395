/**
 * Finds wording that points at a person instead of at the system, so a postmortem can stay
 * blameless. Matching is case-insensitive and bounded by letters and digits on both sides (so
 * "default" never matches "fault" and "blameless" never matches "blame"). It is a heuristic: a
 * hit is a prompt to rephrase, not a verdict.
 */

export interface BlamingPhrase {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
  /** Length in UTF-16 code units. */
  length: number;
  /** The text that matched, as written. */
  phrase: string;
  hint: string;
}

interface Rule {
  pattern: string;
  hint: string;
  /** Case-sensitive rules need a capitalized name; the others ignore case. */
  caseSensitive?: boolean;
  accept?: (match: RegExpExecArray) => boolean;
}

const HINT_SYSTEM = 'Describe what in the system made the mistake easy to make, and what would have caught it.';
const HINT_HINDSIGHT = 'Hindsight: say what was known at the time and how the system could have surfaced the rest.';
const HINT_JUDGEMENT = 'Judges a person; describe the conditions instead (time pressure, missing guard rails, unclear signals).';
const HINT_FAULT = 'Say which conditions allowed this to happen rather than whose fault it was.';

/** Capitalized words that start sentences about things, not people ("Deploy broke checkout"). */
const NOT_NAMES = new Set(
  (
    'The This That These Those It Its Our Their A An One Which What Something Nothing Everything Deploy Deployment ' +
    'Release Rollout Change Commit Merge Migration Config Configuration Update Upgrade Patch Build Job Script Service ' +
    'Cache Test Tests Cron Flag Query Index Schema Version Traffic Load Alert Server Database Network Proxy'
  ).split(' '),
);

const RULES: Rule[] = [
  { pattern: '(?:human|operator|user|pilot|engineer)\\s+errors?', hint: HINT_SYSTEM },
  { pattern: "(?:[\\p{L}\\p{N}]+['’]s|my|your|his|her|their|our)\\s+fault", hint: HINT_FAULT },
  { pattern: 'at\\s+fault|fault\\s+of', hint: HINT_FAULT },
  {
    pattern: '(?<!git\\s+)(?:to\\s+)?blam(?:e|ed|es|ing)',
    hint: 'Blameless wording: describe what happened and why it made sense at the time.',
  },
  {
    pattern:
      "should(?:\\s+have|['’]ve)\\s+(?:known|noticed|caught|checked|double-checked|seen|realized|realised|tested|been\\s+more\\s+careful)",
    hint: HINT_HINDSIGHT,
  },
  { pattern: 'careless(?:ly|ness)?', hint: HINT_JUDGEMENT },
  { pattern: 'negligen(?:t|tly|ce)', hint: HINT_JUDGEMENT },
  { pattern: 'incompeten(?:t|tly|ce)', hint: HINT_JUDGEMENT },
  { pattern: 'sloppy|sloppiness|reckless(?:ly|ness)?|lazy|laziness|stupid(?:ity)?', hint: HINT_JUDGEMENT },
  {
    pattern: 'failed\\s+to',
    hint: 'Say what happened and what made it hard, e.g. "the check did not run because …".',
  },
  {
    pattern: "(?:didn['’]?t|did\\s+not|never)\\s+bother(?:ed)?",
    hint: 'Ask what made the step feel optional: was it slow, manual, or easy to skip?',
  },
  {
    pattern: "(?:[Hh]e|[Ss]he|[Tt]hey|[Ss]omeone|[Ss]omebody|\\p{Lu}[\\p{L}'’-]*)\\s+(?:forgot|broke|messed\\s+up|screwed\\s+up|botched|ignored)",
    hint: 'Names a person as the cause; describe the change and what let it through (review, tests, rollout).',
    caseSensitive: true,
    accept: (m) => !NOT_NAMES.has(m[0].split(/\s/)[0] ?? ''),
  },
  {
    pattern: 'forg(?:ot|otten)',
    hint: 'Ask what reminder, checklist or automation was missing.',
  },
];

const COMPILED = RULES.map((rule) => ({
  ...rule,
  regex: new RegExp(`(?<![\\p{L}\\p{N}_])(?:${rule.pattern})(?![\\p{L}\\p{N}_])`, rule.caseSensitive ? 'gu' : 'giu'),
}));

export function findBlamingPhrases(text: string): BlamingPhrase[] {
  const hits: BlamingPhrase[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const found: BlamingPhrase[] = [];
    for (const rule of COMPILED) {
      rule.regex.lastIndex = 0;
      for (let m = rule.regex.exec(line); m; m = rule.regex.exec(line)) {
        if (rule.accept && !rule.accept(m)) continue;
        found.push({ line: index + 1, column: m.index + 1, length: m[0].length, phrase: m[0], hint: rule.hint });
      }
    }
    // Where rules overlap ("Sam forgot" and "forgot"), keep the longest, earliest match.
    found.sort((a, b) => a.column - b.column || b.length - a.length);
    let reach = 0;
    for (const hit of found) {
      if (hit.column < reach) continue;
      hits.push(hit);
      reach = hit.column + hit.length;
    }
  });
  return hits;
}
