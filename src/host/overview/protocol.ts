/** Messages between the Incident overview webview and the extension; media/overview/overview.js speaks the same. */
import type { OverviewState, OverviewTarget, WindowPreset } from '../../core/correlate/overview';

export type FromWebview =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'cancel' }
  | { type: 'autoRefresh'; seconds: number }
  | { type: 'preset'; preset: WindowPreset }
  | { type: 'open'; target: OverviewTarget }
  | { type: 'hypothesis'; key: string }
  /** An axis item's id or a suspect's key. */
  | { type: 'pin'; id: string }
  /** A source's action, by the command the state offered for it. */
  | { type: 'action'; command: string };

export type ToWebview =
  | { type: 'state'; state: OverviewState; auto: number }
  | { type: 'refreshing'; on: boolean };

const PRESETS: readonly string[] = ['incident', '1h', '6h', '24h', 'custom'];
const AUTO: readonly number[] = [0, 30, 60, 300];

export function isFromWebview(m: unknown): m is FromWebview {
  if (!m || typeof m !== 'object') return false;
  const o = m as Record<string, unknown>;
  switch (o.type) {
    case 'ready':
    case 'refresh':
    case 'cancel':
      return true;
    case 'autoRefresh':
      return typeof o.seconds === 'number' && AUTO.includes(o.seconds);
    case 'preset':
      return typeof o.preset === 'string' && PRESETS.includes(o.preset);
    case 'hypothesis':
      return typeof o.key === 'string';
    case 'pin':
      return typeof o.id === 'string';
    case 'action':
      return typeof o.command === 'string';
    case 'open': {
      const target = o.target as Partial<OverviewTarget> | undefined;
      return !!target && (target.kind === 'commit' || target.kind === 'entry' || target.kind === 'url' || target.kind === 'issue' || target.kind === 'logFinding');
    }
    default:
      return false;
  }
}

/** The auto-refresh intervals the view offers, in seconds (0: off). */
export const AUTO_REFRESH_CHOICES = AUTO;
