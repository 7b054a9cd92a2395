import type { DeploymentEvent, ReleaseEvent } from '../../core/model/deploys';
import { asArray, asNumber, asObject, asString, asTime, asWebUrl } from '../http/json';

/** A Sentry release as far as "what changed" needs it, plus what deciding on its deploys needs. */
export interface SentryRelease {
  event: ReleaseEvent;
  version: string;
  /** undefined when the server did not say (then its deploys are asked for). */
  deployCount?: number;
  /** When its latest deploy finished, if the list said. */
  lastDeployTime?: number;
  /** The latest moment anything happened to this release: created, released, deployed. */
  latestActivity: number;
}

/** One element of GET /organizations/{org}/releases/ or the release details body. */
export function parseRelease(raw: unknown): SentryRelease | undefined {
  const o = asObject(raw);
  const version = asString(o?.version);
  if (!o || !version) return undefined;
  const created = asTime(o.dateCreated);
  const released = asTime(o.dateReleased);
  const time = released ?? created;
  if (time === undefined) return undefined;
  const lastDeploy = asObject(o.lastDeploy);
  const lastDeployTime = asTime(lastDeploy?.dateFinished) ?? asTime(lastDeploy?.dateStarted);
  const author = asObject(asArray(o.authors)[0]);
  return {
    version,
    deployCount: asNumber(o.deployCount),
    lastDeployTime,
    latestActivity: Math.max(time, created ?? time, lastDeployTime ?? time),
    event: {
      kind: 'release',
      source: 'sentry',
      tag: version,
      name: asString(o.shortVersion) || version,
      time,
      author: asString(author?.name) ?? asString(author?.email),
      url: asWebUrl(o.url),
      sha: shaOf(asString(asObject(o.lastCommit)?.id)) ?? shaInVersion(version),
      commitCount: asNumber(o.commitCount),
    },
  };
}

/** One element of GET /organizations/{org}/releases/{version}/deploys/ → a deploy marker. */
export function parseDeploy(raw: unknown, release: Pick<SentryRelease, 'version'> & { sha?: string }): DeploymentEvent | undefined {
  const o = asObject(raw);
  const id = asString(o?.id);
  if (!o || !id) return undefined;
  const finished = asTime(o.dateFinished);
  const started = asTime(o.dateStarted);
  const time = finished ?? started;
  if (time === undefined) return undefined;
  return {
    kind: 'deployment',
    source: 'sentry',
    id,
    environment: asString(o.environment) || '(no environment)',
    // Sentry records a deploy when it is reported, usually once it finished.
    state: finished !== undefined ? 'success' : 'in_progress',
    time,
    updated: finished,
    sha: release.sha,
    ref: release.version,
    release: release.version,
    description: asString(o.name),
    url: asWebUrl(o.url),
  };
}

function shaOf(s: string | undefined): string | undefined {
  return s && /^[0-9a-f]{40}$/i.test(s) ? s.toLowerCase() : undefined;
}

/** Versions are often the commit itself, or `package@<sha>`. */
export function shaInVersion(version: string): string | undefined {
  const m = /(?:^|[@+\-_/])([0-9a-f]{40})$/i.exec(version);
  return m ? m[1].toLowerCase() : undefined;
}
