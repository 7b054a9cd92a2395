/** Which earlier deploy a deploy is compared with: the one before it that went well. */
import type { DeployMarker } from '../model/changes';
import type { ChangeEventRow, DeploymentEventRow } from '../model/deploys';

export interface DeployPair {
  /** The earlier deploy's commit and name. */
  base: { sha: string; name: string };
  head: { sha: string; name: string };
}

/**
 * A deploy tag against the newest older tag of another commit. Tags mark deploys that happened,
 * so each counts as successful.
 */
export function previousLocalDeploy(deploys: readonly DeployMarker[], tag: string): DeployPair | undefined {
  const head = deploys.find((d) => d.tag === tag);
  if (!head) return undefined;
  const base = deploys
    .filter((d) => d.sha !== head.sha && (d.time < head.time || (d.time === head.time && d.tag < head.tag)))
    .sort((a, b) => b.time - a.time)[0];
  return base ? { base: { sha: base.sha, name: base.tag }, head: { sha: head.sha, name: head.tag } } : undefined;
}

/** A deployment against the newest earlier successful one to the same environment, of another commit. */
export function previousSuccessfulDeployment(rows: readonly ChangeEventRow[], head: DeploymentEventRow): DeployPair | undefined {
  const d = head.deployment;
  if (!d.sha) return undefined;
  const base = rows
    .filter((r): r is DeploymentEventRow => r.kind === 'deployment')
    .map((r) => r.deployment)
    .filter((x) => x.environment === d.environment && x.state === 'success' && !!x.sha && x.sha !== d.sha && x.time < d.time)
    .sort((a, b) => b.time - a.time)[0];
  return base?.sha ? { base: { sha: base.sha, name: `${base.environment} ${base.sha.slice(0, 7)}` }, head: { sha: d.sha, name: `${d.environment} ${d.sha.slice(0, 7)}` } } : undefined;
}
