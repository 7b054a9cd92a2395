/**
 * Stack frame paths as SDKs and bundlers write them → '/'-separated segments that can be
 * compared with workspace paths. Pure: no file system, no platform path module (a Windows
 * frame must read the same on a Linux machine).
 */

/** What of a frame says where its code lives. */
export interface FrameLocation {
  filename?: string;
  absPath?: string;
  module?: string;
  platform?: string;
}

export interface FrameMappingOptions {
  /**
   * Prefixes to drop before matching, e.g. `/opt/build/checkout` or `C:\build\app`. `*` stands
   * for one segment. Tried before the built-in server roots.
   */
  stripPrefixes?: readonly string[];
}

export interface PathCandidate {
  segments: string[];
  /** Believed relative to the project root (app:///, ~/, a known server root was stripped). */
  rooted: boolean;
}

export type Normalized = PathCandidate | 'unsafe' | undefined;

/** Where deployed code commonly lives: the project root inside a container or a server. */
const SERVER_ROOTS = [
  '/home/runner/work/*/*',
  '/github/workspace',
  '/builds/*/*',
  '/home/*/*',
  '/Users/*/*',
  '/usr/src/app',
  '/usr/app',
  '/var/task',
  '/var/www/*',
  '/opt/app',
  '/opt/*',
  '/srv/app',
  '/srv/*',
  '/workspace',
  '/code',
  '/app',
];

/** Turns one raw path into segments; 'unsafe' when it climbs out of its root or holds control characters. */
export function normalizeFramePath(raw: string, options: FrameMappingOptions = {}): Normalized {
  let s = raw.trim();
  if (!s) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(s)) return 'unsafe';
  let rooted = false;
  let absolute = false;
  let fromUrl = false;

  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(s)?.[1]?.toLowerCase();
  if (scheme && scheme.length > 1) {
    s = s.replace(/[?#].*$/s, '');
    if (scheme === 'webpack-internal' || scheme === 'webpack') {
      s = s.replace(/^[a-z-]+:\/\//i, '');
      if (s.startsWith('/')) s = s.slice(1);
      // webpack://<namespace>/./src/x → ./src/x; Next.js adds a layer: (rsc)/./src/x.
      else if (!s.startsWith('.')) s = s.replace(/^[^/]*\//, '');
      s = s.replace(/^\([^)/]*\)\//, '');
      rooted = !s.startsWith('/');
    } else if (scheme === 'app') {
      s = s.replace(/^app:\/*/i, '');
      rooted = true;
    } else if (scheme === 'file') {
      s = s.replace(/^file:\/\/[^/]*/i, '');
    } else if (scheme === 'http' || scheme === 'https') {
      s = s.replace(/^https?:\/\/[^/]*/i, '');
      fromUrl = true;
    } else return undefined;
  } else {
    // Query strings and cache busters on plain paths (`main.js?v=3`).
    s = s.replace(/\?.*$/s, '');
  }

  if (s.startsWith('~/')) {
    s = s.slice(2);
    rooted = true;
  }
  s = s.replace(/\\/g, '/');
  if (/^[A-Za-z]:(\/|$)/.test(s)) {
    s = s.slice(2);
    absolute = true;
  } else if (s.startsWith('//')) {
    // UNC path: //server/share/rest
    s = s.replace(/^\/\/[^/]+\/[^/]+/, '');
    absolute = true;
  }
  if (s.startsWith('/')) absolute = true;
  s = safeDecode(s);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(s)) return 'unsafe';

  const segments: string[] = [];
  for (const seg of s.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      // Above the root: an absolute path stays at "/", anything else is outside its base.
      if (segments.length) segments.pop();
      else if (!absolute) return 'unsafe';
      continue;
    }
    segments.push(seg);
  }
  if (!segments.length) return undefined;
  if (!absolute && !rooted) rooted = true;

  if (absolute) {
    // A URL path is relative to a web root, not to a server's file system.
    const stripped = stripPrefix(segments, userPrefixes(options)) ?? (fromUrl ? undefined : stripPrefix(segments, SERVER_ROOT_PARTS));
    if (stripped) return { segments: stripped, rooted: true };
    return { segments, rooted: false };
  }
  const stripped = stripPrefix(segments, userPrefixes(options));
  return { segments: stripped ?? segments, rooted };
}

/** The segments after the first prefix that matches and leaves something behind. */
function stripPrefix(segments: string[], prefixes: readonly (readonly string[])[]): string[] | undefined {
  for (const parts of prefixes) {
    if (!parts.length || parts.length >= segments.length) continue;
    if (parts.every((part, i) => part === '*' || part === segments[i])) return segments.slice(parts.length);
  }
  return undefined;
}

function prefixParts(p: string): string[] {
  return p
    .replace(/\\/g, '/')
    .replace(/^[A-Za-z]:/, '')
    .split('/')
    .filter((x) => x && x !== '.');
}

const SERVER_ROOT_PARTS = SERVER_ROOTS.map(prefixParts);
/** Parsed once per options object: a refresh maps hundreds of frames with the same options. */
const parsedOptions = new WeakMap<readonly string[], string[][]>();

function userPrefixes(options: FrameMappingOptions): string[][] {
  const list = options.stripPrefixes;
  if (!list?.length) return [];
  let parsed = parsedOptions.get(list);
  if (!parsed) {
    parsed = list.map(prefixParts);
    parsedOptions.set(list, parsed);
  }
  return parsed;
}

/** Python `orders.meta` → orders/meta.py (or a package's __init__.py); Java class + file → its path. */
export function moduleCandidates(frame: FrameLocation): PathCandidate[] {
  const mod = frame.module?.trim();
  if (!mod || !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$|^[A-Za-z_]\w*$/.test(mod)) return [];
  const parts = mod.split('.');
  const file = frame.filename?.trim();
  const platform = (frame.platform ?? '').toLowerCase();
  if (file && /^[\w$-]+\.(java|kt|scala|groovy)$/.test(file)) {
    // com.acme.orders.OrderService (+ OrderService.java) → com/acme/orders/OrderService.java
    return [{ segments: [...parts.slice(0, -1), file], rooted: true }];
  }
  if (!file && (platform === 'python' || platform === '' || platform === 'other')) {
    return [
      { segments: [...parts.slice(0, -1), `${parts[parts.length - 1]}.py`], rooted: true },
      { segments: [...parts, '__init__.py'], rooted: true },
    ];
  }
  return [];
}

function safeDecode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
