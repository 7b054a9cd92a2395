/**
 * Comparing two commits the clone lacks, file by file through GitHub: which revision each side of
 * a file's diff is read from, and what a side's bytes can be shown as.
 */
import type { ComparedFile } from '../model/deploys';

/** One side of a file's diff: the file at a commit, or nothing (added or removed files). */
export interface CompareSide {
  path: string;
  /** Full commit id. */
  ref: string;
}

export interface FileSides {
  /** Before (at the base commit); undefined when the file was added. */
  left?: CompareSide;
  /** After (at the head commit); undefined when the file was removed. */
  right?: CompareSide;
}

/** Where to read each side: a rename reads its old path at the base, an added file has no left. */
export function sidesOf(file: ComparedFile, base: string, head: string): FileSides {
  const before = file.previousPath ?? file.path;
  switch (file.status) {
    case 'added':
      return { right: { path: file.path, ref: head } };
    case 'deleted':
      return { left: { path: before, ref: base } };
    default:
      return { left: { path: before, ref: base }, right: { path: file.path, ref: head } };
  }
}

/** Larger sides are not diffed: an editor diff of megabytes helps no one in an incident. */
export const MAX_DIFF_BYTES = 2 * 1024 * 1024;

export type SideContent =
  | { kind: 'text'; text: string }
  | { kind: 'empty' }
  | { kind: 'binary'; bytes: number }
  | { kind: 'tooLarge'; bytes: number };

/** Bytes of a file → what a diff side can show. Binary as git decides it: a NUL in the first 8000 bytes. */
export function classifyContent(bytes: Uint8Array, maxBytes = MAX_DIFF_BYTES): SideContent {
  if (bytes.length > maxBytes) return { kind: 'tooLarge', bytes: bytes.length };
  if (bytes.subarray(0, 8000).includes(0)) return { kind: 'binary', bytes: bytes.length };
  return { kind: 'text', text: new TextDecoder('utf-8').decode(bytes) };
}

/** What a transport gives up on before the diff's own limit: the client's body cap, the 32 MB default. */
const TRANSPORT_CAP = 32 * 1024 * 1024;

/**
 * A failure that means "too large" rather than "failed": the client's body size limit, or
 * GitHub refusing a file over its own limit (403 `too_large`). Undefined for any other failure.
 */
export function tooLargeFromFailure(kind: string, text: string): SideContent | undefined {
  if (!((kind === 'badResponse' && /size limit/i.test(text)) || (kind === 'forbidden' && /too.?large/i.test(text)))) return undefined;
  const declared = Number(/\((\d+) bytes\)/.exec(text)?.[1]);
  return { kind: 'tooLarge', bytes: Number.isFinite(declared) && declared > 0 ? declared : TRANSPORT_CAP };
}

/** Why a file is listed without a diff, or undefined when both sides are diffable. */
export function notDiffable(left: SideContent, right: SideContent): string | undefined {
  const sides = [left, right];
  const large = sides.find((s): s is Extract<SideContent, { kind: 'tooLarge' }> => s.kind === 'tooLarge');
  if (large) return `too large to diff here (${formatBytes(large.bytes)}; the limit is ${formatBytes(MAX_DIFF_BYTES)})`;
  const binary = sides.find((s): s is Extract<SideContent, { kind: 'binary' }> => s.kind === 'binary');
  if (binary) return `a binary file (${formatBytes(binary.bytes)})`;
  return undefined;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

const STATUS_WORD: Record<ComparedFile['status'], string> = {
  added: 'added',
  modified: 'modified',
  deleted: 'removed',
  renamed: 'renamed',
  copied: 'copied',
  typechange: 'type changed',
  unknown: 'changed',
};

/** `renamed from a/b.ts · +3 −1`: the listing's description of a compared file. */
export function describeComparedFile(file: ComparedFile): string {
  const what = file.previousPath && file.previousPath !== file.path ? `${STATUS_WORD[file.status]} from ${file.previousPath}` : STATUS_WORD[file.status];
  return `${what} · +${file.additions} −${file.deletions}`;
}

/** What a virtual document of one side carries in its URI query; parsed defensively. */
export interface SideQuery {
  root: string;
  path: string;
  ref: string;
}

export function encodeSideQuery(q: SideQuery): string {
  return JSON.stringify({ root: q.root, path: q.path, ref: q.ref });
}

export function decodeSideQuery(query: string): SideQuery | undefined {
  try {
    const o = JSON.parse(query) as Partial<SideQuery>;
    if (typeof o.root !== 'string' || typeof o.path !== 'string' || typeof o.ref !== 'string') return undefined;
    if (!/^[0-9a-f]{7,64}$/i.test(o.ref) || !o.path || o.path.startsWith('/') || o.path.split('/').includes('..')) return undefined;
    return { root: o.root, path: o.path, ref: o.ref };
  } catch {
    return undefined;
  }
}
