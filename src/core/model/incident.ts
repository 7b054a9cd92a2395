/**
 * The incident record: what the incident file (`incidents/<date>-<slug>.md`) holds once parsed.
 * The file format itself is described in `src/core/timeline/format.ts`.
 *
 * Line numbers in this module are 1-based (as an editor shows them) and ranges are inclusive.
 * Hosts that need 0-based positions subtract one at their boundary.
 */

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const INCIDENT_STATUSES = ['investigating', 'mitigated', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/**
 * What a timeline entry records. `confirm` and `refute` are verdicts on a hypothesis: they are
 * appended as entries of their own (the hypothesis line is never rewritten) and their text is
 * the required reason. `followup` is an action item for the postmortem.
 */
export const ENTRY_KINDS = [
  'observation',
  'hypothesis',
  'confirm',
  'refute',
  'evidence',
  'decision',
  'action',
  'status',
  'note',
  'followup',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Kinds that must name a hypothesis id (`hypothesis H3`, `refute H3`). */
export const KINDS_WITH_REQUIRED_ID: readonly EntryKind[] = ['hypothesis', 'confirm', 'refute'];

/** An entry as it is written to, and read from, the timeline. */
export interface TimelineEntry {
  /** UTC ISO-8601 with a `Z`, e.g. `2026-11-23T14:02:11Z` (fractional seconds allowed). */
  at: string;
  kind: EntryKind;
  /**
   * Hypothesis id such as `H3`. For `hypothesis` entries the id the entry defines; for
   * `confirm`/`refute` (required) and any other kind (optional) the hypothesis it refers to.
   */
  hypothesis?: string;
  /** Git `user.name` of whoever wrote the entry. */
  author: string;
  /** Free markdown; may span several lines. For confirm/refute this is the reason. */
  text: string;
  /** Repository-relative `path:line`, a commit SHA, or a URL, one per item. */
  links: string[];
}

/** An entry about to be appended: links are optional and a hypothesis id may be left out. */
export interface NewTimelineEntry {
  at: string;
  kind: EntryKind;
  /** Leave out for `hypothesis` entries: the next free id is assigned when appending. */
  hypothesis?: string;
  author: string;
  text: string;
  links?: string[];
}

export interface LineRange {
  /** 1-based, inclusive. */
  startLine: number;
  /** 1-based, inclusive. */
  endLine: number;
}

export interface ParsedEntry extends TimelineEntry, LineRange {
  /** Milliseconds since the epoch. */
  time: number;
  /** True when serializing the entry gives back exactly the bytes it was read from. */
  canonical: boolean;
}

export type ProblemSeverity = 'error' | 'warning' | 'info';

export interface Problem {
  /** 1-based line the problem starts on. */
  line: number;
  /** 1-based last line, when the problem spans several lines. */
  endLine?: number;
  message: string;
  severity: ProblemSeverity;
}

export type HypothesisState = 'open' | 'confirmed' | 'refuted';

export interface Verdict {
  state: 'confirmed' | 'refuted';
  reason: string;
  at: string;
  time: number;
  author: string;
  /** 1-based line of the confirm/refute entry. */
  line: number;
}

export interface Hypothesis {
  id: string;
  /** The number in the id (3 for `H3`). */
  number: number;
  text: string;
  author: string;
  at: string;
  time: number;
  /** 1-based line of the hypothesis entry. */
  line: number;
  /** Derived: the latest verdict in file order wins; `open` while there is none. */
  state: HypothesisState;
  /** The verdict that decided `state`, if any. */
  verdict?: Verdict;
  /** Every verdict in file order, so a reversal stays visible. */
  verdicts: Verdict[];
  /** Indexes into `ParsedIncident.entries` of other entries that name this id (evidence, notes…). */
  related: number[];
}

/** Front matter fields that could be read; anything missing or invalid is left out. */
export interface IncidentMeta {
  /** From the front matter, or the first `# ` heading when the front matter has no usable title. */
  title?: string;
  severity?: Severity;
  status?: IncidentStatus;
  commander?: string;
  started?: string;
  resolved?: string;
  services: string[];
}

export interface FrontMatterInfo {
  /** 1-based lines of the opening and closing `---` (closing absent when never closed). */
  startLine: number;
  endLine?: number;
  /** True when the block is closed and is valid YAML with a mapping at the top. */
  ok: boolean;
}

export interface ParsedIncident {
  meta: IncidentMeta;
  /** Absent when the file does not start with `---`. */
  frontMatter?: FrontMatterInfo;
  /** Entries in file order; lines that could not be understood are left in the file, not here. */
  entries: ParsedEntry[];
  hypotheses: Hypothesis[];
  /** Highest hypothesis number seen in the file, counting hypothesis lines too damaged to read. */
  maxHypothesisNumber: number;
  problems: Problem[];
  /** Line ending of the file (of its first line break; `\n` when there is none). */
  eol: '\n' | '\r\n';
  hasBom: boolean;
  /** 1-based lines of the `## Timeline` headings; empty when the file has none. */
  timelineHeadings: number[];
  /** Number of lines (a final line break does not start another line). */
  lineCount: number;
}
