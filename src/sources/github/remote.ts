/** Which GitHub repository a git remote points at, and where its API lives. */
export interface GitHubRepoRef {
  owner: string;
  name: string;
  /** github.com, or the GitHub Enterprise host (with port when not the default). */
  host: string;
  /** https://api.github.com, or https://{host}/api/v3 for GitHub Enterprise Server. */
  apiBaseUrl: string;
  /** https://{host}/{owner}/{name} */
  webUrl: string;
}

export interface RemoteParseOptions {
  /**
   * GitHub Enterprise hosts whose names do not contain "github" (e.g. code.acme.corp). Hosts
   * that do contain it are recognised without being listed.
   */
  enterpriseHosts?: readonly string[];
}

/**
 * https (`https://github.com/o/r.git`, with or without credentials), ssh (`ssh://git@host[:port]/o/r`),
 * scp-like (`git@host:o/r.git`) and `git+https` remotes. ssh.github.com (ssh over 443) and ssh
 * config aliases such as `github.com-work` count as github.com. Returns undefined for anything
 * that is not a two-segment GitHub path.
 */
export function parseGitHubRemote(url: string, options: RemoteParseOptions = {}): GitHubRepoRef | undefined {
  const u = url.trim();
  let host: string;
  let path: string;
  let isHttp = false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(u)) {
    let parsed: URL;
    try {
      parsed = new URL(u.replace(/^git\+/i, ''));
    } catch {
      return undefined;
    }
    if (!['https:', 'http:', 'ssh:', 'git:'].includes(parsed.protocol)) return undefined;
    isHttp = parsed.protocol === 'https:' || parsed.protocol === 'http:';
    // An https port is part of the web and API address; an ssh port is not.
    host = isHttp ? parsed.host : parsed.hostname;
    path = safeDecode(parsed.pathname);
  } else {
    const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/.exec(u);
    if (!scp) return undefined;
    host = scp[1];
    path = scp[2];
  }
  path = path.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/i, '');
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+)$/.exec(path);
  if (!m || m[2] === '.' || m[2] === '..') return undefined;
  let h = host.toLowerCase();
  if (h === 'ssh.github.com' || h === 'www.github.com' || /^github\.com[-_.]/.test(h) || (!isHttp && h.startsWith('github.com'))) h = 'github.com';
  const listed = (options.enterpriseHosts ?? []).some((e) => e.toLowerCase() === h || e.toLowerCase() === h.split(':')[0]);
  if (h !== 'github.com' && !h.includes('github') && !listed) return undefined;
  const [owner, name] = [m[1], m[2]];
  const apiBaseUrl = h === 'github.com' ? 'https://api.github.com' : `https://${h}/api/v3`;
  return { owner, name, host: h, apiBaseUrl, webUrl: `https://${h}/${owner}/${name}` };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
