/**
 * "Pin to Incident": any item (a commit, a deploy, a Sentry issue or frame, a log line, a code
 * selection, a diff hunk, a web page) as the text and links of an `evidence` entry.
 *
 * Everything an item carries came from outside (commit subjects, issue titles, selected code,
 * file names) and is quoted so that it renders as text in the incident file: single-line values
 * are markdown-escaped or put in code spans, multi-line code goes into a fenced block whose fence
 * is longer than any backtick run inside it. The timeline writer indents every continuation line,
 * so nothing here can end the entry or start a heading of the file; see format.ts.
 *
 * Links point back at the item: a commit SHA, a URL (Sentry permalink, pull request, deploy), or a
 * workspace-relative `path:line` / `path:start-end`. Paths are the caller's to make relative;
 * anything that is not (absolute, `..`, whitespace) is left out of the links.
 */

import { formatTimestamp } from './format';
import { codeSpan, oneLine } from '../runbooks/text';

/** At most this many lines of code are quoted; the rest is counted in a note. */
export const MAX_CODE_LINES = 40;
/** At most this many characters of code are quoted. */
export const MAX_CODE_CHARS = 4000;
const MAX_LINE_CHARS = 300;
const MAX_TITLE = 200;

export interface FrameRef {
  function?: string;
  /** Workspace-relative path of the local file the frame maps to. */
  path?: string;
  line?: number;
  /** The file as the server reported it, when there is no local path. */
  reported?: string;
}

export type EvidenceItem =
  | {
      kind: 'commit';
      sha: string;
      subject?: string;
      author?: string;
      time?: number;
      url?: string;
      /** Repository-relative paths of (some of) the changed files. */
      files?: string[];
      filesTotal?: number;
    }
  | { kind: 'pullRequest'; number: number; title?: string; sha?: string; author?: string; time?: number; url?: string; commits?: number }
  | { kind: 'deploy'; name: string; environment?: string; state?: string; sha?: string; time?: number; url?: string; commits?: number; by?: string }
  | { kind: 'release'; tag: string; name?: string; sha?: string; time?: number; url?: string; by?: string }
  | {
      kind: 'issue';
      shortId: string;
      title: string;
      culprit?: string;
      level?: string;
      count?: number;
      users?: number;
      firstSeen?: number;
      permalink?: string;
      /** The in-app frame that threw, when the latest event is known. */
      frame?: FrameRef;
    }
  | { kind: 'frame'; issue: { shortId: string; title: string; permalink?: string }; frame: FrameRef }
  | { kind: 'selection'; path: string; startLine: number; endLine: number; code: string; language?: string }
  | {
      kind: 'hunk';
      path: string;
      /** What each side of the diff shows: a commit, `index`, `working tree`… */
      leftRef: string;
      rightRef: string;
      oldStart: number;
      oldCount: number;
      newStart: number;
      newCount: number;
      /** The hunk's lines, each starting with `-` or `+`. */
      lines: string[];
    }
  | { kind: 'log'; summary?: string; source?: string; text?: string; path?: string; line?: number }
  | { kind: 'url'; url: string; title?: string }
  /** Anything else worth keeping: a sentence (one line), and optionally text quoted as a block. */
  | { kind: 'text'; title: string; text?: string };

export interface Evidence {
  text: string;
  links: string[];
}

/** The evidence entry's text and links for an item. */
export function evidenceFor(item: EvidenceItem): Evidence {
  switch (item.kind) {
    case 'commit': {
      const lines = [`Commit ${codeSpan(shortSha(item.sha), 20)}${item.subject ? `: ${inlineText(item.subject)}` : ''}`];
      const facts = [item.author ? `by ${inlineText(item.author, 80)}` : '', item.time !== undefined ? `committed ${when(item.time)}` : ''].filter(Boolean);
      if (facts.length) lines.push(capitalize(facts.join(', ')));
      if (item.files?.length) lines.push(`Changes ${fileList(item.files, item.filesTotal)}`);
      return { text: lines.join('\n'), links: [...shaLink(item.sha), ...urlLink(item.url)] };
    }
    case 'pullRequest': {
      const lines = [`Pull request #${item.number}${item.title ? `: ${inlineText(item.title)}` : ''}`];
      const facts = [
        item.author ? `by ${inlineText(item.author, 80)}` : '',
        item.time !== undefined ? `merged ${when(item.time)}` : '',
        item.sha ? `as ${codeSpan(shortSha(item.sha), 20)}` : '',
        item.commits ? `${item.commits} ${item.commits === 1 ? 'commit' : 'commits'}` : '',
      ].filter(Boolean);
      if (facts.length) lines.push(capitalize(facts.join(', ')));
      return { text: lines.join('\n'), links: [...urlLink(item.url), ...shaLink(item.sha)] };
    }
    case 'deploy': {
      const where = [item.environment ? inlineText(item.environment, 60) : '', item.state ? inlineText(item.state, 30) : ''].filter(Boolean).join(', ');
      const lines = [`Deploy ${codeSpan(item.name, 100)}${where ? ` (${where})` : ''}`];
      const facts = [
        item.sha ? `of ${codeSpan(shortSha(item.sha), 20)}` : '',
        item.by ? `by ${inlineText(item.by, 80)}` : '',
        item.time !== undefined ? `at ${when(item.time)}` : '',
        item.commits !== undefined ? `${item.commits} ${item.commits === 1 ? 'commit' : 'commits'} in the window` : '',
      ].filter(Boolean);
      if (facts.length) lines.push(capitalize(facts.join(', ')));
      return { text: lines.join('\n'), links: [...urlLink(item.url), ...shaLink(item.sha)] };
    }
    case 'release': {
      const lines = [`Release ${codeSpan(item.tag, 100)}${item.name && item.name !== item.tag ? `: ${inlineText(item.name)}` : ''}`];
      const facts = [item.sha ? `at ${codeSpan(shortSha(item.sha), 20)}` : '', item.by ? `by ${inlineText(item.by, 80)}` : '', item.time !== undefined ? `published ${when(item.time)}` : ''].filter(Boolean);
      if (facts.length) lines.push(capitalize(facts.join(', ')));
      return { text: lines.join('\n'), links: [...urlLink(item.url), ...shaLink(item.sha)] };
    }
    case 'issue': {
      const lines = [`Sentry issue ${codeSpan(item.shortId, 60)}: ${inlineText(item.title)}`];
      const facts = [
        item.culprit ? `in ${codeSpan(item.culprit, 160)}` : '',
        item.level ? inlineText(item.level, 20) : '',
        item.count !== undefined ? `${item.count.toLocaleString('en-US')} events` : '',
        item.users !== undefined ? `${item.users.toLocaleString('en-US')} users` : '',
        item.firstSeen !== undefined ? `first seen ${when(item.firstSeen)}` : '',
      ].filter(Boolean);
      if (facts.length) lines.push(capitalize(facts.join(', ')));
      if (item.frame) lines.push(`Thrown at ${frameText(item.frame)}`);
      return { text: lines.join('\n'), links: [...urlLink(item.permalink), ...pathLink(item.frame?.path, item.frame?.line)] };
    }
    case 'frame': {
      const lines = [`Stack frame ${frameText(item.frame)}`, `Of Sentry issue ${codeSpan(item.issue.shortId, 60)}: ${inlineText(item.issue.title)}`];
      return { text: lines.join('\n'), links: [...pathLink(item.frame.path, item.frame.line), ...urlLink(item.issue.permalink)] };
    }
    case 'selection': {
      const range = lineRange(item.startLine, item.endLine);
      const lines = [`Code in ${codeSpan(item.path, 200)}, ${range}:`, ...codeBlock(item.code, item.language)];
      return { text: lines.join('\n'), links: pathLink(item.path, item.startLine, item.endLine) };
    }
    case 'hunk': {
      const oldRange = lineRange(item.oldStart, item.oldStart + item.oldCount - 1, item.oldCount === 0);
      const newRange = lineRange(item.newStart, item.newStart + item.newCount - 1, item.newCount === 0);
      const lines = [
        `Diff of ${codeSpan(item.path, 200)} between ${codeSpan(item.leftRef, 60)} and ${codeSpan(item.rightRef, 60)}: ${oldRange} → ${newRange}`,
        ...codeBlock(item.lines.join('\n'), 'diff'),
      ];
      // The link goes to the side that has lines: the new one, unless the hunk only deletes.
      const link = item.newCount > 0 ? pathLink(item.path, item.newStart, item.newStart + item.newCount - 1) : pathLink(item.path, Math.max(1, item.newStart - 1));
      const refs = [item.rightRef, item.leftRef].flatMap(shaLink);
      return { text: lines.join('\n'), links: [...link, ...refs.filter((r, i) => refs.indexOf(r) === i)] };
    }
    case 'log': {
      const head = item.summary ? inlineText(item.summary, 400) : 'Log entry';
      const lines = [`${item.source ? `${head} (${codeSpan(item.source, 120)})` : head}${item.text ? ':' : ''}`];
      if (item.text) lines.push(...codeBlock(item.text, 'text'));
      return { text: lines.join('\n'), links: pathLink(item.path, item.line) };
    }
    case 'url':
      return { text: item.title ? inlineText(item.title, 400) : `Web page ${codeSpan(item.url, 400)}`, links: urlLink(item.url) };
    case 'text':
      return { text: [`${inlineText(item.title, 400)}${item.text ? ':' : ''}`, ...(item.text ? codeBlock(item.text, 'text') : [])].join('\n'), links: [] };
  }
}

/**
 * One line of outside text as markdown that renders as that text: control and bidirectional
 * characters gone, and every character that could start markup (emphasis, code, links, images,
 * HTML, entities, strikethrough) escaped with a backslash, as CommonMark allows for any ASCII
 * punctuation.
 */
export function inlineText(text: string, max = MAX_TITLE): string {
  return oneLine(text, max).replace(/[\\`*_[\]<>&~|]/g, (c) => `\\${c}`);
}

/**
 * A fenced code block holding `code` literally: control and bidirectional characters made
 * visible, long lines cut, at most MAX_CODE_LINES lines and MAX_CODE_CHARS characters, with a
 * note saying what was left out.
 */
export function codeBlock(code: string, language?: string): string[] {
  const all = code.replace(/\r\n?/g, '\n').split('\n');
  while (all.length > 1 && all[all.length - 1]?.trim() === '') all.pop();
  const kept: string[] = [];
  let chars = 0;
  let cutLines = 0;
  for (const raw of all) {
    if (kept.length >= MAX_CODE_LINES || chars >= MAX_CODE_CHARS) break;
    let line = visible(raw);
    if (line.length > MAX_LINE_CHARS) {
      line = `${line.slice(0, MAX_LINE_CHARS)}…`;
      cutLines++;
    }
    kept.push(line);
    chars += line.length + 1;
  }
  const body = kept.join('\n');
  let longest = 0;
  for (const m of body.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const lang = language && /^[A-Za-z0-9_+#.-]{1,32}$/.test(language) ? language : '';
  const out = [`${fence}${lang}`, ...kept, fence];
  const left = all.length - kept.length;
  const notes = [
    left > 0 ? `${left} more ${left === 1 ? 'line' : 'lines'} not quoted (${all.length} in all)` : '',
    cutLines > 0 ? `${cutLines} long ${cutLines === 1 ? 'line' : 'lines'} cut at ${MAX_LINE_CHARS} characters` : '',
  ].filter(Boolean);
  if (notes.length) out.push(`(${capitalize(notes.join('; '))}.)`);
  return out;
}

/** `path:line` or `path:start-end` for a workspace-relative path; nothing for any other path. */
export function pathLink(path: string | undefined, start?: number, end?: number): string[] {
  if (!path || !isRelativeInside(path)) return [];
  if (start === undefined || !Number.isInteger(start) || start < 1) return [path];
  return [end !== undefined && Number.isInteger(end) && end > start ? `${path}:${start}-${end}` : `${path}:${start}`];
}

/** True for a `/`-separated relative path that stays inside its root and fits in a link line. */
export function isRelativeInside(path: string): boolean {
  if (!path || /\s/.test(path) || path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path)) return false;
  return !path.split(/[\\/]/).some((part) => part === '..');
}

function shaLink(sha: string | undefined): string[] {
  return sha && /^[0-9a-f]{7,64}$/i.test(sha) ? [sha.toLowerCase()] : [];
}

function urlLink(url: string | undefined): string[] {
  if (!url || /\s/.test(url)) return [];
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? [u.href] : [];
  } catch {
    return [];
  }
}

function frameText(frame: FrameRef): string {
  const where = frame.path ? `${frame.path}${frame.line ? `:${frame.line}` : ''}` : frame.reported ? `${frame.reported}${frame.line ? `:${frame.line}` : ''}` : undefined;
  const fn = frame.function ? codeSpan(frame.function, 120) : 'an anonymous function';
  return where ? `${fn} at ${codeSpan(where, 240)}${frame.path ? '' : ' (not in the workspace)'}` : fn;
}

function fileList(files: readonly string[], total = files.length): string {
  const shown = files.slice(0, 5).map((f) => codeSpan(f, 160));
  const more = Math.max(total, files.length) - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more ${more === 1 ? 'file' : 'files'}` : shown.join(', ');
}

function lineRange(start: number, end: number, empty = false): string {
  if (empty) return `no lines (after line ${Math.max(0, start - 1)})`;
  return end > start ? `lines ${start}–${end}` : `line ${start}`;
}

// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufeff]/g;

function visible(line: string): string {
  return line.replace(INVISIBLE, '\ufffd').trimEnd();
}

function shortSha(sha: string): string {
  return /^[0-9a-f]{7,64}$/i.test(sha) ? sha.slice(0, 8) : sha;
}

function when(time: number): string {
  return Number.isFinite(time) ? formatTimestamp(time) : 'at an unknown time';
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
