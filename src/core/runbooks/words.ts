/**
 * Word overlap between a runbook's title and headings and the incident's texts: the weakest
 * signal, used only for runbooks that have no match rules (plain markdown notes).
 */

/** Words too common in titles and error messages to say anything about which runbook applies. */
const STOP_WORDS = new Set(
  (
    'the and for with from into onto that this then than when what which while where who why how not are was were ' +
    'has have had been being its it’s our your their there here out off all any can could should would will ' +
    'error errors exception failed fail failure failures failing warning warn info debug fatal unknown unexpected ' +
    'value values null undefined true false none nil after before during over under about via per one two ' +
    'runbook runbooks step steps check checks how-to guide what-to-do incident incidents issue issues problem problems'
  ).split(/\s+/),
);

/** Lowercased words of 3+ letters without stop words, with a plural `s` removed. */
export function significantWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}_]{3,40}/gu)) {
    let w = m[0];
    if (/^\d+$/.test(w) || STOP_WORDS.has(w)) continue;
    if (w.length > 4 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
    if (!STOP_WORDS.has(w)) words.add(w);
  }
  return words;
}

export interface WordOverlap {
  titleWords: string[];
  headingWords: string[];
}

export function wordOverlap(title: string, headings: readonly string[], context: ReadonlySet<string>): WordOverlap {
  const titleSet = significantWords(title);
  const titleWords = [...titleSet].filter((w) => context.has(w));
  const headingSet = new Set<string>();
  for (const h of headings) for (const w of significantWords(h)) if (!titleSet.has(w)) headingSet.add(w);
  const headingWords = [...headingSet].filter((w) => context.has(w));
  return { titleWords, headingWords };
}
