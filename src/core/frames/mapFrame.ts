/**
 * Which workspace file a stack frame points at, by the longest path suffix the frame and a
 * workspace file share. Pure: the host injects the workspace's relative paths.
 */
import { isThirdPartyPath } from './thirdParty';
import { moduleCandidates, normalizeFramePath } from './normalize';
import type { FrameLocation, FrameMappingOptions, PathCandidate } from './normalize';

export type FrameMatch =
  | { kind: 'unique'; path: string; matchedSegments: number }
  | { kind: 'ambiguous'; candidates: string[]; matchedSegments: number }
  | { kind: 'none'; reason: 'noPath' | 'thirdParty' | 'unsafe' | 'noMatch' };

const MAX_CANDIDATES = 20;

/** Built JavaScript → the TypeScript it came from, when no source map put the original path in the frame. */
const SOURCE_EXTENSIONS: Record<string, string[]> = {
  js: ['ts', 'tsx', 'jsx'],
  mjs: ['mts', 'ts'],
  cjs: ['cts', 'ts'],
  pyc: ['py'],
};

interface Entry {
  path: string;
  segments: string[];
}

/** Workspace files by file name, built once per refresh of the file list. */
export class WorkspaceFileIndex {
  private readonly byName = new Map<string, Entry[]>();
  private readonly byLowerName = new Map<string, Entry[]>();
  private readonly all = new Set<string>();

  /** Paths relative to the workspace, '/' or '\' separated. Absolute or escaping entries are dropped. */
  constructor(paths: Iterable<string>) {
    for (const raw of paths) {
      const path = raw.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
      if (!isSafeWorkspacePath(path) || this.all.has(path)) continue;
      this.all.add(path);
      const entry = { path, segments: path.split('/') };
      const name = entry.segments[entry.segments.length - 1];
      push(this.byName, name, entry);
      push(this.byLowerName, name.toLowerCase(), entry);
    }
  }

  get size(): number {
    return this.all.size;
  }

  has(path: string): boolean {
    return this.all.has(path);
  }

  /** Files with this name; case-insensitively when no exact-case file exists (Windows builds). */
  named(name: string): { entries: Entry[]; foldCase: boolean } {
    const exact = this.byName.get(name);
    if (exact) return { entries: exact, foldCase: false };
    return { entries: this.byLowerName.get(name.toLowerCase()) ?? [], foldCase: true };
  }
}

/**
 * A frame → {unique path} | {ambiguous candidates} | {none, reason}. Never a path outside the
 * workspace: every answer is an entry of the index, and the index holds only safe relative paths.
 */
export function mapFrameToFile(frame: FrameLocation, index: WorkspaceFileIndex, options: FrameMappingOptions = {}): FrameMatch {
  const raws = [frame.absPath, frame.filename].filter((p): p is string => !!p && !!p.trim());
  if (raws.some((p) => isThirdPartyPath(p))) return { kind: 'none', reason: 'thirdParty' };

  const candidates: PathCandidate[] = [];
  let unsafe = false;
  for (const raw of raws) {
    const n = normalizeFramePath(raw, options);
    if (n === 'unsafe') unsafe = true;
    else if (n) candidates.push(n);
  }
  candidates.push(...moduleCandidates(frame));
  if (!candidates.length) return { kind: 'none', reason: unsafe ? 'unsafe' : 'noPath' };

  let best: FrameMatch | undefined;
  for (const c of candidates) {
    const m = matchCandidate(c, index);
    if (m && better(m, best)) best = m;
  }
  if (!best) {
    for (const c of candidates) {
      for (const alt of sourceAlternatives(c)) {
        const m = matchCandidate(alt, index);
        if (m && better(m, best)) best = m;
      }
    }
  }
  if (best && best.kind === 'unique' && !isSafeWorkspacePath(best.path)) return { kind: 'none', reason: 'unsafe' };
  return best ?? { kind: 'none', reason: unsafe ? 'unsafe' : 'noMatch' };
}

function matchCandidate(c: PathCandidate, index: WorkspaceFileIndex): FrameMatch | undefined {
  const segs = c.segments;
  const joined = segs.join('/');
  // Relative to the project root and present as is: nothing is more certain.
  if (c.rooted && index.has(joined)) return { kind: 'unique', path: joined, matchedSegments: Number.MAX_SAFE_INTEGER };
  const { entries, foldCase } = index.named(segs[segs.length - 1]);
  if (!entries.length) return undefined;
  let bestK = 0;
  let winners: Entry[] = [];
  for (const e of entries) {
    const k = commonSuffix(segs, e.segments, foldCase);
    if (k > bestK) {
      bestK = k;
      winners = [e];
    } else if (k === bestK) winners.push(e);
  }
  if (bestK === 0) return undefined;
  const paths = winners.map((w) => w.path).sort();
  // A file name alone, when both sides have folders, is a guess: offer it, do not decide it.
  const weak = bestK === 1 && segs.length > 1 && winners.every((w) => w.segments.length > 1);
  if (paths.length === 1 && !weak) return { kind: 'unique', path: paths[0], matchedSegments: bestK };
  return { kind: 'ambiguous', candidates: paths.slice(0, MAX_CANDIDATES), matchedSegments: bestK };
}

function better(m: FrameMatch, than: FrameMatch | undefined): boolean {
  if (!than || than.kind === 'none') return true;
  if (m.kind === 'none') return false;
  if (m.kind === 'unique' && than.kind === 'ambiguous') return m.matchedSegments >= than.matchedSegments;
  if (m.kind === 'ambiguous' && than.kind === 'unique') return m.matchedSegments > than.matchedSegments;
  return m.matchedSegments > than.matchedSegments;
}

function commonSuffix(a: string[], b: string[], foldCase: boolean): number {
  let k = 0;
  while (k < a.length && k < b.length) {
    const x = a[a.length - 1 - k];
    const y = b[b.length - 1 - k];
    if (x !== y && !(foldCase && x.toLowerCase() === y.toLowerCase())) break;
    k++;
  }
  return k;
}

function sourceAlternatives(c: PathCandidate): PathCandidate[] {
  const last = c.segments[c.segments.length - 1];
  const m = /^(.*)\.([a-z]+)$/.exec(last);
  const exts = m ? SOURCE_EXTENSIONS[m[2]] : undefined;
  if (!m || !exts) return [];
  // dist/, build/ and out/ hold what src/ compiled to: the suffix below them is what matches.
  const dirs = c.segments.slice(0, -1);
  const cut = dirs.findIndex((d) => d === 'dist' || d === 'build' || d === 'out' || d === 'lib');
  const below = cut >= 0 ? dirs.slice(cut + 1) : dirs;
  return exts.map((ext) => ({ segments: [...below, `${m[1]}.${ext}`], rooted: false }));
}

/** Relative, inside, and plain: no drive, no leading '/', no '..' or '.' segments, no control characters. */
export function isSafeWorkspacePath(path: string): boolean {
  if (!path || path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\\')) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(path)) return false;
  return path.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

function push(map: Map<string, Entry[]>, key: string, e: Entry): void {
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}
