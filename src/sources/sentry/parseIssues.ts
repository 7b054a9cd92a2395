import type { TimeWindow } from '../../core/model/changes';
import type { ErrorIssue, IssueLevel } from '../../core/model/errors';
import { isNewIssue } from '../../core/model/errors';
import { asBoolean, asNumber, asObject, asString, asTime, asWebUrl } from '../http/json';

const LEVELS: readonly IssueLevel[] = ['fatal', 'error', 'warning', 'info', 'debug'];

/**
 * One element of GET /organizations/{org}/issues/ → ErrorIssue; undefined when it has no id
 * (nothing could refer to it). Every other field is optional on the wire.
 */
export function parseIssue(raw: unknown, window: Pick<TimeWindow, 'start' | 'end'>, latestDeployTime?: number): ErrorIssue | undefined {
  const o = asObject(raw);
  const id = o && asString(o.id);
  if (!o || !id) return undefined;
  const lifetime = asObject(o.lifetime);
  const metadata = asObject(o.metadata);
  const project = asObject(o.project);
  const levelText = asString(o.level)?.toLowerCase();
  const firstSeen = asTime(o.firstSeen) ?? asTime(lifetime?.firstSeen);
  return {
    id,
    shortId: asString(o.shortId) || id,
    title: asString(o.title) || asString(metadata?.title) || asString(metadata?.value) || '(no title)',
    culprit: asString(o.culprit) ?? '',
    level: LEVELS.find((l) => l === levelText) ?? (levelText === 'warn' ? 'warning' : 'unknown'),
    count: asNumber(o.count) ?? asNumber(lifetime?.count) ?? 0,
    userCount: asNumber(o.userCount) ?? asNumber(lifetime?.userCount) ?? 0,
    firstSeen,
    lastSeen: asTime(o.lastSeen) ?? asTime(lifetime?.lastSeen),
    permalink: asWebUrl(o.permalink),
    project: {
      id: asString(project?.id) ?? '',
      slug: asString(project?.slug) ?? '',
      name: asString(project?.name) ?? asString(project?.slug) ?? '',
      platform: asString(project?.platform),
    },
    status: asString(o.status),
    isUnhandled: asBoolean(o.isUnhandled),
    platform: asString(o.platform) ?? asString(project?.platform),
    isNew: isNewIssue(firstSeen, window, latestDeployTime),
  };
}
