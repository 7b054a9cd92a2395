/** The window a read command (errors, logs, suspects) looks at, and its --since flag. */
import { windowFor } from '../core/changes/timeWindow';
import type { TimeWindow } from '../core/model/changes';
import { parseTimestamp } from '../core/timeline/format';
import type { IncidentOnDisk } from '../core/timeline/incidentFolder';
import { str, type FlagSpec } from './args';
import type { CommandContext } from './context';
import { usageError } from './exitCodes';
import { optionalIncident } from './incidentTarget';

export const SINCE: FlagSpec = { type: 'string', value: '<when>', help: 'Window start instead of the incident\'s: 2h, 90m, 2026-11-23 14:00' };

/** The window a read command looks at: --since, else the active incident's (by `forIncident`), else `fallback`. */
export async function readWindow(
  ctx: CommandContext,
  fallbackSpec: string,
  forIncident: (span: { start: number; end?: number }, name: string) => TimeWindow,
): Promise<{ window: TimeWindow; incident?: IncidentOnDisk }> {
  const { flags, ws, out, now } = ctx;
  const since = str(flags.values.since);
  const fromSpec = (spec: string, what: string): TimeWindow => {
    const w = windowFor(spec, now);
    if ('error' in w) throw usageError(`${what}: ${w.error}`);
    return w;
  };
  if (since !== undefined) return { window: fromSpec(since, '--since') };
  const incident = await optionalIncident(ws, out, str(flags.values.incident), ctx.cwd);
  const start = incident?.parsed.meta.started ? parseTimestamp(incident.parsed.meta.started) : undefined;
  if (incident && start !== undefined) {
    const end = incident.parsed.meta.resolved ? parseTimestamp(incident.parsed.meta.resolved) : undefined;
    return { window: forIncident({ start, end }, incident.name), incident };
  }
  return { window: fromSpec(fallbackSpec, 'the default window'), ...(incident ? { incident } : {}) };
}

