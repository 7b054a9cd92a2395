/**
 * Steps: the fenced shell blocks of a runbook, with their ids, lever markers and placeholders.
 *
 * Marking a block, in the info string (the first word stays the language, so GitHub and the
 * VS Code preview still highlight it):
 *     ```bash {#undo-deploy lever=rollback title="Roll back the deployment"}
 * or in a comment on its own line right above the fence (only blank lines between):
 *     <!-- id: undo-deploy, lever: rollback -->
 * Keys: `id` (also `#id`, or `step` in a comment), `lever` (a kind such as `rollback`; a bare
 * `lever` means `other`) and `title`. When both say something, the info string wins.
 *
 * `console` and `shell-session` blocks are transcripts. Their commands are the lines after a
 * `$ ` prompt (prompt removed), plus continuation lines after a trailing `\` (a `> ` secondary
 * prompt removed). Every other line is output and is dropped. A transcript without a prompt
 * line, or a block without content, is not a step.
 */

import type { PlaceholderRef, RunbookDiagnostic, RunbookHeading, RunbookStep, StepLever } from '../model/runbooks';
import { SCRIPT_LANGUAGES, TRANSCRIPT_LANGUAGES } from '../model/runbooks';
import type { FencedBlock, MarkdownOutline } from './markdown';
import { findPlaceholders } from './placeholders';

const STEP_KEYS = new Set(['id', 'lever', 'title']);
const COMMENT_KEYS = new Set(['id', 'step', 'lever']);
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/;
const LEVER_KIND = /^[a-z][a-z0-9-]{0,39}$/;

export interface Attribute {
  key: string;
  value?: string;
}

/**
 * Reads `#id .class key=value key="quoted value" key: value flag` tokens, separated by spaces,
 * commas or semicolons. One pass, no regular expressions over the whole text.
 */
export function parseAttributes(text: string): Attribute[] {
  const out: Attribute[] = [];
  let k = 0;
  const isSeparator = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === ',' || c === ';';
  const word = (): string => {
    const start = k;
    while (k < text.length && !isSeparator(text[k]) && text[k] !== '=' && text[k] !== ':' && text[k] !== '}' && text[k] !== '{') k++;
    return text.slice(start, k);
  };
  while (k < text.length) {
    while (k < text.length && (isSeparator(text[k]) || text[k] === '{' || text[k] === '}')) k++;
    if (k >= text.length) break;
    if (text[k] === '#' || text[k] === '.') {
      const sigil = text[k++] as string;
      out.push({ key: sigil === '#' ? 'id' : 'class', value: word() });
      continue;
    }
    const key = word();
    if (key === '') {
      k++;
      continue;
    }
    let j = k;
    while (text[j] === ' ' || text[j] === '\t') j++;
    if (text[j] !== '=' && text[j] !== ':') {
      out.push({ key });
      continue;
    }
    k = j + 1;
    while (text[k] === ' ' || text[k] === '\t') k++;
    const quote = text[k];
    if (quote === '"' || quote === "'") {
      const end = text.indexOf(quote, k + 1);
      const close = end < 0 ? text.length : end;
      out.push({ key, value: text.slice(k + 1, close) });
      k = close + 1;
    } else {
      out.push({ key, value: word() });
    }
  }
  return out;
}

/** The language of a fence: the first word of its info string, or a `{.bash}` class. */
export function fenceLanguage(infoString: string): { language: string; attributes: string } {
  const brace = infoString.indexOf('{');
  const head = (brace < 0 ? infoString : infoString.slice(0, brace)).trim();
  const space = head.search(/\s/);
  const language = (space < 0 ? head : head.slice(0, space)).toLowerCase();
  const rest = brace < 0 ? (space < 0 ? '' : head.slice(space)) : infoString.slice(brace);
  if (language === '' && brace >= 0) {
    const cls = parseAttributes(rest).find((a) => a.key === 'class');
    return { language: (cls?.value ?? '').toLowerCase(), attributes: rest };
  }
  return { language, attributes: rest };
}

interface Marker {
  id?: string;
  lever?: StepLever;
  title?: string;
  attributes: Record<string, string>;
}

/** The comment right above a block, when it consists only of step keys. */
function commentMarker(comment: string | undefined): Attribute[] | undefined {
  if (comment === undefined) return undefined;
  const attrs = parseAttributes(comment.trim());
  if (attrs.length === 0 || attrs.some((a) => !COMMENT_KEYS.has(a.key))) return undefined;
  return attrs.map((a) => (a.key === 'step' ? { ...a, key: 'id' } : a));
}

function readMarker(block: FencedBlock, infoAttributes: string, diagnostics: RunbookDiagnostic[]): Marker {
  const marker: Marker = { attributes: {} };
  const warn = (message: string): void =>
    void diagnostics.push({ line: block.open, severity: 'warning', code: 'step.attribute', message });
  // Outside braces only key=value words count: `bash -x` must not become an attribute.
  const fromInfo = parseAttributes(infoAttributes).filter((a) => infoAttributes.trimStart().startsWith('{') || a.value !== undefined);
  const sources: [Attribute[], 'infoString' | 'comment'][] = [[fromInfo, 'infoString']];
  const fromComment = commentMarker(block.comment);
  if (fromComment) sources.push([fromComment, 'comment']);
  for (const [attrs, source] of sources) {
    for (const { key, value } of attrs) {
      if (key === 'class') continue;
      if (!(key in marker.attributes)) marker.attributes[key] = value ?? '';
      if (!STEP_KEYS.has(key)) {
        warn(`Unknown step attribute '${key}'; known: id, lever, title.`);
        continue;
      }
      if (key === 'id') {
        if (value !== undefined && ID.test(value)) marker.id ??= value;
        else warn(`Step id '${value ?? ''}' must be letters, digits, '.', '_' or '-' (up to 80).`);
      } else if (key === 'lever' && !marker.lever) {
        const kind = (value ?? 'other').toLowerCase();
        if (!LEVER_KIND.test(kind)) warn(`Lever kind '${value ?? ''}' must be a lowercase word such as rollback, restart or disable-flag.`);
        marker.lever = { kind: LEVER_KIND.test(kind) ? kind : 'other', source };
      } else if (key === 'title' && value !== undefined) {
        marker.title ??= value;
      }
    }
  }
  return marker;
}

/** The command of a block, with where each of its lines came from (for placeholder positions). */
function blockCommand(lines: readonly string[], transcript: boolean): { command: string; origins: { line: number; column: number }[] } {
  if (!transcript) return { command: lines.join('\n'), origins: lines.map((_, line) => ({ line, column: 0 })) };
  const out: string[] = [];
  const origins: { line: number; column: number }[] = [];
  let continued = false;
  lines.forEach((raw, line) => {
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trimStart();
    let cut = -1;
    if (continued) cut = text.startsWith('> ') ? lead + 2 : 0;
    else if (text.startsWith('$ ')) cut = lead + 2;
    else if (text === '$') cut = raw.length;
    if (cut < 0) return; // output
    const command = raw.slice(cut);
    out.push(command);
    origins.push({ line, column: cut });
    continued = command.endsWith('\\');
  });
  return { command: out.join('\n'), origins };
}

export function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[`*_~[\]()]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, 60).replace(/-+$/, '');
}

export function extractSteps(outline: MarkdownOutline, fileLines: readonly string[]): { steps: RunbookStep[]; diagnostics: RunbookDiagnostic[] } {
  const diagnostics: RunbookDiagnostic[] = [];
  const drafts: (Omit<RunbookStep, 'id' | 'explicitId' | 'index'> & { marker: Marker })[] = [];
  const languages = new Set<string>([...SCRIPT_LANGUAGES, ...TRANSCRIPT_LANGUAGES]);
  for (const block of outline.blocks) {
    if (block.close === undefined) {
      diagnostics.push({
        line: block.open,
        severity: 'warning',
        code: 'fence.unclosed',
        message: 'This code block is never closed (or its list item or quote ends first); it is not a step.',
      });
      continue;
    }
    const { language, attributes } = fenceLanguage(block.infoString);
    if (!languages.has(language)) continue;
    const transcript = (TRANSCRIPT_LANGUAGES as readonly string[]).includes(language);
    const { command, origins } = blockCommand(block.lines, transcript);
    if (command.trim() === '') continue;
    const marker = readMarker(block, attributes, diagnostics);
    const path = headingPath(outline.headings, block.open);
    const placeholderRefs: PlaceholderRef[] = findPlaceholders(command).map((ref) => {
      const origin = origins[ref.line] as { line: number; column: number };
      const fileLine = block.open + 1 + origin.line;
      // Quote markers and indentation were stripped from the front of the line only.
      const prefix = (fileLines[fileLine] ?? '').length - (block.lines[origin.line] ?? '').length;
      return { ...ref, line: fileLine, column: Math.max(0, prefix) + origin.column + ref.column };
    });
    const heading = path[path.length - 1];
    drafts.push({
      ...(marker.title !== undefined ? { title: marker.title } : {}),
      language,
      kind: transcript ? 'transcript' : 'script',
      infoString: block.infoString,
      attributes: marker.attributes,
      code: block.lines.join('\n'),
      command,
      fence: { start: block.open, end: block.close },
      content: { start: block.open + 1, end: block.close - 1 },
      ...(heading ? { heading } : {}),
      headingPath: path.map((h) => h.text),
      ...(marker.lever ? { lever: marker.lever } : {}),
      placeholders: [...new Set(placeholderRefs.map((r) => r.name))],
      placeholderRefs,
      marker,
    });
  }
  return { steps: assignIds(drafts, diagnostics), diagnostics };
}

function headingPath(headings: readonly RunbookHeading[], line: number): RunbookHeading[] {
  const path: RunbookHeading[] = [];
  for (const h of headings) {
    if (h.line >= line) break;
    while (path.length > 0 && (path[path.length - 1] as RunbookHeading).level >= h.level) path.pop();
    path.push(h);
  }
  return path;
}

function assignIds(drafts: (Omit<RunbookStep, 'id' | 'explicitId' | 'index'> & { marker: Marker })[], diagnostics: RunbookDiagnostic[]): RunbookStep[] {
  const taken = new Set<string>();
  const explicit = drafts.map((d) => {
    const id = d.marker.id;
    if (id === undefined) return undefined;
    if (taken.has(id)) {
      diagnostics.push({ line: d.fence.start, severity: 'warning', code: 'step.duplicateId', message: `Another step already has the id '${id}'; this one gets a generated id.` });
      return undefined;
    }
    taken.add(id);
    return id;
  });
  return drafts.map(({ marker: _marker, ...draft }, index) => {
    let id = explicit[index];
    const explicitId = id !== undefined;
    if (id === undefined) {
      const base = slugify(draft.heading?.text ?? '') || 'step';
      id = base;
      for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
      taken.add(id);
    }
    return { index, id, explicitId, ...draft };
  });
}
