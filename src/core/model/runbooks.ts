/**
 * Runbooks: markdown files with optional YAML front matter whose fenced shell blocks are steps.
 * The format users write is documented in the README (Runbooks); parsing lives in
 * `src/core/runbooks/`.
 *
 * Unlike the incident model, every line number here is 0-based, and every line span is inclusive
 * at both ends. That way views can hand the numbers straight to editor positions (CodeLenses on
 * fences, diagnostics on front matter keys).
 *
 * Runbook text is hostile input. These types are data only. Nothing that produces them runs
 * anything, and a step becomes a command only when the user asks for it in a trusted workspace.
 */

import type { Severity } from './incident';

/** Match rule lists in the front matter (`match.errors`, …), and what each is tested against. */
export const MATCH_KINDS = ['errors', 'logs', 'alerts', 'files'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export type RunbookDiagnosticSeverity = 'error' | 'warning' | 'info';

export type RunbookDiagnosticCode =
  | 'frontMatter.unclosed'
  | 'frontMatter.yaml'
  | 'frontMatter.notMap'
  | 'frontMatter.unknownKey'
  | 'frontMatter.type'
  | 'frontMatter.value'
  | 'rule.invalid'
  | 'rule.unsupported'
  | 'rule.limit'
  | 'fence.unclosed'
  | 'step.attribute'
  | 'step.duplicateId'
  | 'lever.unresolved';

export interface RunbookDiagnostic {
  /** 0-based line in the runbook file. */
  line: number;
  severity: RunbookDiagnosticSeverity;
  code: RunbookDiagnosticCode;
  message: string;
}

/** One usable rule from `match`. A rule that is invalid or unsafe is left out, with a diagnostic. */
export interface MatchRule {
  kind: MatchKind;
  /** A regular expression for errors, logs and alerts; a glob for files. */
  pattern: string;
  /** 0-based line of the rule in the file. */
  line: number;
}

export interface RunbookHeading {
  /** 1 to 6 (ATX headings only). */
  level: number;
  /** The heading text without the leading #s or a closing sequence. */
  text: string;
  line: number;
}

export interface LineSpan {
  /** 0-based, inclusive. */
  start: number;
  /** 0-based, inclusive. */
  end: number;
}

/** Where a step learned that it is a lever. */
export type LeverSource = 'infoString' | 'comment' | 'frontMatter';

/**
 * Well-known lever kinds. Any lowercase word is accepted as a kind, and `other` is used when a
 * marker gives none. Listing the common ones lets views pick icons and wording.
 */
export const LEVER_KINDS = [
  'rollback',
  'revert',
  'restart',
  'scale',
  'disable-flag',
  'enable-flag',
  'failover',
  'reload',
  'rotate',
  'drain',
  'other',
] as const;

export interface StepLever {
  kind: string;
  source: LeverSource;
}

/** Languages whose fenced blocks are steps. */
export const SCRIPT_LANGUAGES = ['sh', 'bash', 'shell', 'zsh'] as const;
/** Session transcripts: only `$ ` prompt lines are commands; other lines are output. */
export const TRANSCRIPT_LANGUAGES = ['console', 'shell-session'] as const;

export interface PlaceholderRef {
  name: string;
  /** `{{name}}` or `${NAME}`. */
  syntax: 'mustache' | 'env';
  /** The text as written, e.g. `{{ namespace }}`. */
  raw: string;
  /** 0-based line and column: within the scanned text, or the file for `RunbookStep.placeholderRefs`. */
  line: number;
  column: number;
}

export interface RunbookStep {
  /** Position among the runbook's steps, in file order. */
  index: number;
  /** The explicit id (`{#id}`, `{id=…}`, `<!-- id: … -->`), or one derived from the heading. */
  id: string;
  explicitId: boolean;
  /** An optional label from `{title="…"}`. */
  title?: string;
  /** Lowercased first word of the info string, e.g. `bash`. */
  language: string;
  /** `script`: the block is the command. `transcript`: the command is its `$ ` lines. */
  kind: 'script' | 'transcript';
  /** The info string as written after the fence characters. */
  infoString: string;
  /** Attributes from `{…}` in the info string and from a marker comment, as written. */
  attributes: Readonly<Record<string, string>>;
  /** The block's content with the container indentation removed, lines joined by `\n`. */
  code: string;
  /** What "Run step" and "Copy" use: `code` for scripts, the prompt lines for transcripts. */
  command: string;
  /** From the opening fence to the closing fence. */
  fence: LineSpan;
  /** The content lines between the fences. Blocks without content are not steps. */
  content: LineSpan;
  /** The nearest heading above the block. */
  heading?: RunbookHeading;
  /** Texts of the enclosing headings, outermost first. */
  headingPath: string[];
  lever?: StepLever;
  /** Distinct placeholder names in `command`, in order of appearance. */
  placeholders: string[];
  /** Placeholders with their positions in the file. */
  placeholderRefs: PlaceholderRef[];
}

/** A lever as the Levers view lists it: one per marked step or per `levers` entry that resolved. */
export interface RunbookLever {
  kind: string;
  /** The step id or heading text that names it. */
  label: string;
  source: LeverSource;
  /** The line of the marked fence, or of the heading a front matter entry names. */
  line: number;
  /** Ids of the steps that pull the lever. A heading with no block under it is a manual lever with none. */
  stepIds: string[];
}

export interface Runbook {
  /** The path the caller gave, used as the runbook's identity (and for the file name title). */
  path: string;
  title: string;
  titleSource: 'frontMatter' | 'heading' | 'fileName';
  /** One line from `summary`, for a view's description or tooltip. */
  summary?: string;
  services: string[];
  severity?: Severity;
  /** Usable match rules, in file order. */
  rules: MatchRule[];
  hasFrontMatter: boolean;
  /** 0-based line where the markdown body starts (after the front matter). */
  bodyLine: number;
  headings: RunbookHeading[];
  steps: RunbookStep[];
  levers: RunbookLever[];
  /** Distinct placeholder names over all steps. */
  placeholders: string[];
  diagnostics: RunbookDiagnostic[];
}

/** What is known about the active incident, as far as matching runbooks goes. */
export interface RunbookMatchContext {
  services?: readonly string[];
  errorTitles?: readonly string[];
  logSignatures?: readonly string[];
  alertNames?: readonly string[];
  /** Repository-relative paths, `/`-separated. */
  changedFiles?: readonly string[];
}

export type MatchReasonKind = 'log' | 'error' | 'alert' | 'file' | 'service' | 'words';

export interface MatchReason {
  kind: MatchReasonKind;
  /** Human-readable with code spans, e.g. ``matches log signature `…` ``. */
  text: string;
  /** What matched: a log signature, error title, alert name, file path, service or words. */
  subject: string;
  /** The rule that matched, when a rule did. */
  pattern?: string;
  /** How many subjects the rule matched (1 for services and words). */
  count: number;
  /** This reason's share of the score. */
  weight: number;
}

export interface RunbookSuggestion {
  runbook: Runbook;
  score: number;
  /** Strongest first. */
  reasons: MatchReason[];
}

/** An action taken during the incident, as the timeline recorded it. */
export interface IncidentAction {
  text: string;
  command?: string;
  /** Undefined when unknown. Only actions without a non-zero exit code count as having worked. */
  exitCode?: number;
}

/** What `renderRunbookFromIncident` needs: a small subset of the incident and its findings. */
export interface IncidentRunbookInput {
  title: string;
  services: readonly string[];
  severity?: Severity;
  /** Texts of the confirmed hypotheses. */
  confirmedHypotheses: readonly string[];
  /** Log signatures the confirmed hypotheses were about. */
  logSignatures: readonly string[];
  errorTitles: readonly string[];
  alertNames?: readonly string[];
  actions: readonly IncidentAction[];
  /** Repository-relative path of the incident file, linked from the runbook. */
  incidentPath?: string;
}
