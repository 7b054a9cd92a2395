/** Turning hostile text (log lines, titles, runbook content) into safe single-line snippets. */

/** Control and bidirectional-override characters become spaces; runs of whitespace collapse. */
export function oneLine(text: string, max = 120): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A markdown code span that holds `text` literally, whatever backticks it contains. */
export function codeSpan(text: string, max = 120): string {
  const s = oneLine(text, max);
  let longest = 0;
  for (const m of s.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  if (longest === 0) return `\`${s}\``;
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${s} ${fence}`;
}
