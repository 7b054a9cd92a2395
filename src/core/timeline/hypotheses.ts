/**
 * Hypothesis state is derived, never stored: a `hypothesis Hn` entry opens it, and each later
 * `confirm Hn` / `refute Hn` entry is a verdict with its reason. The latest verdict in file order
 * wins (files are append-only, so file order is the order things were written down); earlier
 * verdicts stay in `verdicts`, and a reversal is reported as information, not as an error,
 * because changing one's mind on new evidence is normal during an incident.
 */

import type { Hypothesis, ParsedEntry, ParsedIncident, Problem, Verdict } from '../model/incident';
import { hypothesisNumber } from './format';

export function deriveHypotheses(entries: readonly ParsedEntry[], problems: Problem[]): Hypothesis[] {
  const byId = new Map<string, Hypothesis>();
  for (const entry of entries) {
    if (entry.kind !== 'hypothesis' || entry.hypothesis === undefined) continue;
    const existing = byId.get(entry.hypothesis);
    if (existing) {
      problems.push({
        line: entry.startLine,
        message: `Hypothesis id ${entry.hypothesis} is already used on line ${existing.line}; the first one counts.`,
        severity: 'warning',
      });
      continue;
    }
    byId.set(entry.hypothesis, {
      id: entry.hypothesis,
      number: hypothesisNumber(entry.hypothesis) ?? 0,
      text: entry.text,
      author: entry.author,
      at: entry.at,
      time: entry.time,
      line: entry.startLine,
      state: 'open',
      verdicts: [],
      related: [],
    });
  }
  entries.forEach((entry, index) => {
    if (entry.hypothesis === undefined || entry.kind === 'hypothesis') return;
    const hypothesis = byId.get(entry.hypothesis);
    if (!hypothesis) {
      const what = entry.kind === 'confirm' || entry.kind === 'refute' ? `Cannot ${entry.kind}` : 'This entry refers to';
      problems.push({
        line: entry.startLine,
        message: `${what} ${entry.hypothesis}: there is no hypothesis with that id in this file.`,
        severity: 'warning',
      });
      return;
    }
    if (entry.kind !== 'confirm' && entry.kind !== 'refute') {
      hypothesis.related.push(index);
      return;
    }
    const verdict: Verdict = {
      state: entry.kind === 'confirm' ? 'confirmed' : 'refuted',
      reason: entry.text,
      at: entry.at,
      time: entry.time,
      author: entry.author,
      line: entry.startLine,
    };
    const previous = hypothesis.verdict;
    if (previous && previous.state !== verdict.state) {
      problems.push({
        line: entry.startLine,
        message: `${hypothesis.id} was ${previous.state} on line ${previous.line} and is now ${verdict.state}; the latest verdict counts.`,
        severity: 'info',
      });
    }
    hypothesis.verdicts.push(verdict);
    hypothesis.verdict = verdict;
    hypothesis.state = verdict.state;
  });
  return [...byId.values()].sort((a, b) => a.number - b.number);
}

/**
 * The id for a new hypothesis: one more than the highest number in the file, counting damaged
 * hypothesis lines. Gaps are never filled, so an id seen in an old review always means the same.
 */
export function nextHypothesisId(parsed: Pick<ParsedIncident, 'maxHypothesisNumber'>): string {
  return `H${parsed.maxHypothesisNumber + 1}`;
}
