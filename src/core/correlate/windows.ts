/**
 * The time windows the views read around an incident. The extension and the command line take
 * them from here, so both look at the same minutes.
 */
import type { TimeWindow } from '../model/changes';
import { BEFORE_INCIDENT_MS } from './overviewWindow';

const HOUR = 3_600_000;

/** How far before an incident's start the Errors window reaches: what broke it usually came just before. */
export const INCIDENT_LEAD_MS = HOUR;

export interface IncidentSpan {
  start: number;
  /** When it was resolved; undefined while open. */
  end?: number;
}

/** Errors: from an hour before the incident started until it was resolved, or now. */
export function errorsWindowFor(incident: IncidentSpan, now: number): TimeWindow {
  const start = incident.start - INCIDENT_LEAD_MS;
  const end = incident.end !== undefined && incident.end > start ? incident.end : now;
  return { start, end, label: incident.end !== undefined ? 'the incident' : 'the incident so far' };
}

/**
 * Logs: from a while before it was declared, as the overview reads it (the failure starts before
 * the alert), until it was resolved or now.
 */
export function logsWindowFor(incident: IncidentSpan, name: string, now: number): TimeWindow {
  const end = Math.max(incident.start + 60_000, incident.end ?? now);
  return { start: incident.start - BEFORE_INCIDENT_MS, end, label: `incident ${name.replace(/\.md$/, '')} (from ${Math.round(BEFORE_INCIDENT_MS / HOUR)} h before)` };
}
