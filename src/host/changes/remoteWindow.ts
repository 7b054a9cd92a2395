import type { TimeWindow } from '../../core/model/changes';
import { windowFor } from '../../core/changes/timeWindow';
import { errorsWindowFor } from '../../core/correlate/windows';
import type { ChangesModel } from './changesModel';

const DAY = 24 * 60 * 60_000;

/** The window "What changed recently?" reads, ending now: what the Errors view and GitHub read too. */
export function changesWindow(changes: ChangesModel, now = Date.now()): TimeWindow {
  const ready = changes.repos.find((r) => r.state.kind === 'ready');
  if (ready?.state.kind === 'ready') return { ...ready.state.window, end: Math.max(now, ready.state.window.end) };
  const w = windowFor(changes.windowSpec, now);
  return 'error' in w ? { start: now - DAY, end: now, label: 'last 24 h' } : w;
}

/**
 * The Errors view's window: the active incident's (from an hour before it started until it was
 * resolved, or now), else the window of "What changed recently?".
 */
export function errorsWindow(changes: ChangesModel, incident: { start: number; end?: number } | undefined, now = Date.now()): TimeWindow {
  return incident ? errorsWindowFor(incident, now) : changesWindow(changes, now);
}

/** The newest deploy tag of the local repositories, when the Changes view has read them. */
export function latestLocalDeploy(changes: ChangesModel): number | undefined {
  let latest: number | undefined;
  for (const r of changes.repos) if (r.state.kind === 'ready') for (const d of r.state.deploys) latest = Math.max(latest ?? 0, d.time);
  return latest;
}
