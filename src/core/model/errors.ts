/** What is failing: Sentry issues and their latest event, as the views need them. */
import type { TimeWindow } from './changes';

export type IssueLevel = 'fatal' | 'error' | 'warning' | 'info' | 'debug' | 'unknown';

export interface IssueProject {
  id: string;
  slug: string;
  name: string;
  platform?: string;
}

export interface ErrorIssue {
  id: string;
  /** Human id such as CHECKOUT-1A; the id itself when Sentry sent none. */
  shortId: string;
  title: string;
  /** Where Sentry thinks the error comes from ("insertOrder(src/db/orders)"); may be empty. */
  culprit: string;
  level: IssueLevel;
  /** Events in the issue's lifetime. Sentry sends this as a string. */
  count: number;
  userCount: number;
  /** Milliseconds since the epoch; undefined when Sentry sent no readable date. */
  firstSeen?: number;
  lastSeen?: number;
  /** Link to the issue in Sentry's web UI. */
  permalink?: string;
  project: IssueProject;
  /** unresolved, resolved, ignored, …: kept as sent. */
  status?: string;
  isUnhandled?: boolean;
  platform?: string;
  /** First seen inside the window or after the latest deploy: see isNewIssue. */
  isNew: boolean;
}

export interface IssueList {
  issues: ErrorIssue[];
  /** True when the page or issue cap stopped the listing while Sentry had more. */
  truncated: boolean;
  pages: number;
}

export interface SourceContextLine {
  line: number;
  text: string;
}

export interface StackFrame {
  /** Position in Sentry's order (0 = outermost call, last = where it threw). */
  index: number;
  filename?: string;
  absPath?: string;
  module?: string;
  function?: string;
  package?: string;
  lineno?: number;
  colno?: number;
  /** Application code, not a library: Sentry's flag, and never for vendored paths. */
  inApp: boolean;
  /** Source lines around lineno, as Sentry captured them (often empty). */
  context: SourceContextLine[];
  platform?: string;
}

export interface ExceptionMechanism {
  type: string;
  handled?: boolean;
  synthetic?: boolean;
  /** For chained exceptions: how this one hangs off its parent (`__cause__`, `__context__`, …). */
  source?: string;
  exceptionId?: number;
  parentId?: number;
  isExceptionGroup?: boolean;
}

export interface ExceptionInfo {
  type: string;
  value: string;
  module?: string;
  mechanism?: ExceptionMechanism;
  /** In-app frames first; within each group the frame that threw comes first. */
  frames: StackFrame[];
}

export interface ErrorEvent {
  id: string;
  issueId?: string;
  projectId?: string;
  title: string;
  message: string;
  platform?: string;
  dateCreated?: number;
  release?: string;
  environment?: string;
  culprit?: string;
  location?: string;
  tags: { key: string; value: string }[];
  /**
   * The exception that surfaced first, then what caused it. Sentry lists a chain the other way
   * round (the root cause first), but a person reads from the error they saw.
   */
  exceptions: ExceptionInfo[];
  sdk?: { name: string; version: string };
}

/**
 * An issue is "new" when its first event falls inside the window, or after the latest deploy.
 * Kept apart from the Sentry client so a view can recompute it when the deploy time arrives
 * after the issues (sources are fetched side by side).
 */
export function isNewIssue(firstSeen: number | undefined, window: Pick<TimeWindow, 'start' | 'end'>, latestDeployTime?: number): boolean {
  if (firstSeen === undefined || !Number.isFinite(firstSeen)) return false;
  if (firstSeen >= window.start && firstSeen <= window.end) return true;
  return latestDeployTime !== undefined && Number.isFinite(latestDeployTime) && firstSeen >= latestDeployTime;
}

/** The same issues with isNew recomputed against a deploy time that arrived later. */
export function withNewFlags(issues: readonly ErrorIssue[], window: Pick<TimeWindow, 'start' | 'end'>, latestDeployTime?: number): ErrorIssue[] {
  return issues.map((i) => ({ ...i, isNew: isNewIssue(i.firstSeen, window, latestDeployTime) }));
}

/**
 * Frames in reading order for an incident: in-app frames first, then library frames; inside
 * each group the frame that threw first (Sentry sends the outermost call first).
 */
export function appFramesFirst(frames: readonly StackFrame[]): StackFrame[] {
  const innermostFirst = [...frames].sort((a, b) => b.index - a.index);
  return [...innermostFirst.filter((f) => f.inApp), ...innermostFirst.filter((f) => !f.inApp)];
}

/** The first in-app frame of the exception a person saw: where "Open file" should go. */
export function topAppFrame(event: Pick<ErrorEvent, 'exceptions'>): StackFrame | undefined {
  for (const e of event.exceptions) {
    const f = e.frames.find((fr) => fr.inApp);
    if (f) return f;
  }
  return undefined;
}
