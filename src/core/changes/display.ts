/**
 * Text from outside (commit subjects, author names, file names) shown in the editor's UI:
 * control characters and bidirectional overrides are made visible instead of acting.
 */
export function displayText(text: string, max = 300): string {
  const cleaned = text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd')
    .replace(/[\n\t]/g, ' ')
    .replace(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g, '\ufffd');
  return cleaned.length > max ? `${cleaned.slice(0, max - 1)}…` : cleaned;
}

export function shortSha(sha: string): string {
  return sha.slice(0, 8);
}

/** Like displayText, but keeps line breaks (for hovers). */
export function displayMultiline(text: string, max = 4000): string {
  return text
    .split('\n')
    .map((line) => displayText(line, max))
    .join('\n')
    .slice(0, max);
}
