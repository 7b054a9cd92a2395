/** The order the Logs view lists signatures in, and the marks findings give them. */

import type { LogReadResult, LogSignature } from '../model/logs';

const MAX_SIGNATURES = 50;

/** The mark a signature gets from the findings about it: new, burst. */
export function signatureMarks(result: LogReadResult): Map<string, string[]> {
  const marks = new Map<string, string[]>();
  for (const f of result.findings) {
    if (!f.signature) continue;
    const m = marks.get(f.signature.id) ?? [];
    const word = f.kind === 'newSignature' ? 'new' : f.kind === 'burst' ? 'burst' : undefined;
    if (word && !m.includes(word)) m.push(word);
    marks.set(f.signature.id, m);
  }
  return marks;
}

/** Marked first (burst before new), then errors before warnings, then by count. */
export function sortedSignatures(result: LogReadResult): { signature: LogSignature; marks: string[] }[] {
  const marks = signatureMarks(result);
  const rank = (s: LogSignature): number => {
    const m = marks.get(s.id) ?? [];
    return (m.includes('burst') ? 2 : 0) + (m.includes('new') ? 1 : 0);
  };
  const sev = (s: LogSignature): number => (s.level === 'fatal' || s.level === 'error' ? 2 : s.level === 'warn' ? 1 : 0);
  return result.signatures
    .filter((s) => sev(s) > 0 || (marks.get(s.id)?.length ?? 0) > 0)
    .sort((a, b) => rank(b) - rank(a) || sev(b) - sev(a) || b.count - a.count)
    .slice(0, MAX_SIGNATURES)
    .map((signature) => ({ signature, marks: marks.get(signature.id) ?? [] }));
}

