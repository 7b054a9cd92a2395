/** Messages between the Incident overview webview and the extension; media/overview/overview.js speaks the same. */
import type { OverviewState, OverviewTarget } from '../../core/correlate/overview';

export type FromWebview =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'open'; target: OverviewTarget }
  | { type: 'hypothesis'; key: string };

export type ToWebview = { type: 'state'; state: OverviewState; stale?: boolean } | { type: 'loading' };

export function isFromWebview(m: unknown): m is FromWebview {
  if (!m || typeof m !== 'object') return false;
  const t = (m as { type?: unknown }).type;
  if (t === 'ready' || t === 'refresh') return true;
  if (t === 'hypothesis') return typeof (m as { key?: unknown }).key === 'string';
  if (t === 'open') {
    const target = (m as { target?: Partial<OverviewTarget> }).target;
    return !!target && (target.kind === 'commit' || target.kind === 'entry' || target.kind === 'url' || target.kind === 'log');
  }
  return false;
}
