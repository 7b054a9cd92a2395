/** Web links for a commit on the common code hosts, from a git remote URL. */
export type RemoteHost = 'github' | 'gitlab' | 'bitbucket';

export interface RemoteRepo {
  host: RemoteHost;
  /** https://host[:port]/owner/name (no trailing slash, no .git). */
  webBase: string;
}

/**
 * Understands https, ssh (`ssh://git@host/owner/name.git`) and scp-like (`git@host:owner/name`)
 * remotes. A host counts as GitHub/GitLab/Bitbucket by its name (enterprise hosts such as
 * github.example.com included). Returns undefined for anything else.
 */
export function parseRemote(url: string): RemoteRepo | undefined {
  const u = url.trim();
  let host: string;
  let path: string;
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/.exec(u);
  if (/^[a-z+]+:\/\//i.test(u)) {
    let parsed: URL;
    try {
      parsed = new URL(u.replace(/^git\+/, ''));
    } catch {
      return undefined;
    }
    if (!['https:', 'http:', 'ssh:', 'git:'].includes(parsed.protocol)) return undefined;
    host = parsed.hostname;
    path = decodeURIComponent(parsed.pathname);
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') host = parsed.host;
  } else if (scp) {
    host = scp[1];
    path = scp[2];
  } else return undefined;
  path = path.replace(/^\/+/, '').replace(/\.git\/?$/, '').replace(/\/+$/, '');
  if (!/^[\w.-]+(\/[\w.-]+)+$/.test(path)) return undefined;
  const name = host.toLowerCase();
  const kind: RemoteHost | undefined = name.includes('github') ? 'github' : name.includes('gitlab') ? 'gitlab' : name.includes('bitbucket') ? 'bitbucket' : undefined;
  if (!kind) return undefined;
  return { host: kind, webBase: `https://${host}/${path}` };
}

export function commitUrl(remote: RemoteRepo, sha: string): string {
  const safe = sha.replace(/[^0-9a-f]/gi, '');
  switch (remote.host) {
    case 'github':
      return `${remote.webBase}/commit/${safe}`;
    case 'gitlab':
      return `${remote.webBase}/-/commit/${safe}`;
    case 'bitbucket':
      return `${remote.webBase}/commits/${safe}`;
  }
}
