/** The YAML front matter of an incident file: finding it, reading it, editing one field in place. */

import { isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument, stringify } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { IncidentMeta, Problem } from '../model/incident';
import { INCIDENT_STATUSES } from '../model/incident';
import { HEADER_START, parseTimestamp } from './format';
import type { SourceLines } from './lines';
import { splitLines } from './lines';

export interface FrontMatterBlock {
  /** 0-based index of the opening `---` line. */
  openIndex: number;
  /** 0-based index of the closing `---` line; undefined when the block is never closed. */
  closeIndex?: number;
  /** Offsets in the text of the YAML between the fences. */
  contentStart: number;
  contentEnd: number;
  /** 0-based index of the first line after the front matter (for an unclosed block: a guess). */
  bodyIndex: number;
}

export interface FrontMatterReading {
  meta: IncidentMeta;
  problems: Problem[];
  ok: boolean;
}

const FENCE = /^---\s*$/;
export const TIMELINE_HEADING = /^##\s+timeline\s*#*\s*$/i;

export function locateFrontMatter(src: SourceLines): FrontMatterBlock | undefined {
  const { lines, starts, text } = src;
  if (lines.length === 0 || !FENCE.test(lines[0] ?? '')) return undefined;
  const contentStart = starts[1] ?? text.length;
  for (let i = 1; i < lines.length; i++) {
    if (FENCE.test(lines[i] ?? '')) {
      return { openIndex: 0, closeIndex: i, contentStart, contentEnd: starts[i] ?? text.length, bodyIndex: i + 1 };
    }
  }
  // Never closed: assume the YAML stops where the timeline visibly begins, so entries still read.
  let bodyIndex = lines.length;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (TIMELINE_HEADING.test(line) || HEADER_START.test(line)) {
      bodyIndex = i;
      break;
    }
  }
  return { openIndex: 0, contentStart, contentEnd: starts[bodyIndex] ?? text.length, bodyIndex };
}

export function readFrontMatter(src: SourceLines, block: FrontMatterBlock): FrontMatterReading {
  const problems: Problem[] = [];
  const yamlText = src.text.slice(block.contentStart, block.contentEnd);
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number): number => block.openIndex + 1 + lineCounter.linePos(offset).line;

  if (block.closeIndex === undefined) {
    problems.push({
      line: block.openIndex + 1,
      message: 'The front matter starts with --- but is never closed by another --- line; it is kept as it is.',
      severity: 'error',
    });
    // Read what is there if it happens to be valid YAML, but never treat it as editable.
    const meta = doc.errors.length === 0 && isMap(doc.contents) ? extractMeta(doc, lineOf, []) : { services: [] };
    return { meta, problems, ok: false };
  }

  for (const error of doc.errors) {
    problems.push({ line: lineOf(error.pos[0]), message: `Invalid YAML in the front matter: ${error.message}`, severity: 'error' });
  }
  for (const warning of doc.warnings) {
    problems.push({ line: lineOf(warning.pos[0]), message: `Front matter: ${warning.message}`, severity: 'warning' });
  }
  if (doc.errors.length > 0) return { meta: { services: [] }, problems, ok: false };
  if (doc.contents !== null && !isMap(doc.contents)) {
    problems.push({ line: block.openIndex + 1, message: 'The front matter must be a list of `field: value` lines.', severity: 'error' });
    return { meta: { services: [] }, problems, ok: false };
  }
  const fieldProblems: Problem[] = [];
  const meta = extractMeta(doc, lineOf, fieldProblems);
  for (const required of ['title', 'started']) {
    if (!doc.has(required)) {
      fieldProblems.push({ line: block.openIndex + 1, message: `The front matter has no ${required} field.`, severity: 'warning' });
    }
  }
  problems.push(...fieldProblems);
  return { meta, problems, ok: true };
}

function extractMeta(doc: Document, lineOf: (offset: number) => number, problems: Problem[]): IncidentMeta {
  const meta: IncidentMeta = { services: [] };
  if (!isMap(doc.contents)) return meta;
  for (const pair of doc.contents.items as Pair<unknown, unknown>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined) continue;
    const node = pair.value as Node | null;
    const line = lineOf((isScalar(pair.key) && pair.key.range?.[0]) || 0);
    const warn = (message: string): void => void problems.push({ line, message, severity: 'warning' });
    const scalar = isScalar(node) && node.value !== null && typeof node.value !== 'object' ? String(node.value) : undefined;
    const isEmpty = node === null || (isScalar(node) && node.value === null);
    switch (key) {
      case 'title':
      case 'commander':
        if (scalar !== undefined) meta[key] = scalar;
        else if (!isEmpty) warn(`The ${key} must be a single line of text.`);
        break;
      case 'severity': {
        const sev = scalar?.toUpperCase();
        if (sev === 'SEV1' || sev === 'SEV2' || sev === 'SEV3' || sev === 'SEV4') meta.severity = sev;
        else warn(`Severity must be one of SEV1, SEV2, SEV3, SEV4 (found '${scalar ?? ''}').`);
        break;
      }
      case 'status': {
        const status = INCIDENT_STATUSES.find((s) => s === scalar?.toLowerCase());
        if (status) meta.status = status;
        else warn(`Status must be investigating, mitigated or resolved (found '${scalar ?? ''}').`);
        break;
      }
      case 'started':
      case 'resolved':
        if (scalar !== undefined && parseTimestamp(scalar) !== undefined) meta[key] = scalar;
        else if (!isEmpty || key === 'started') {
          warn(`The ${key} time must be a UTC timestamp like 2026-11-23T14:02:11Z (found '${scalar ?? ''}').`);
        }
        break;
      case 'services':
        if (isSeq(node)) {
          for (const item of node.items) {
            if (isScalar(item) && item.value !== null && typeof item.value !== 'object') meta.services.push(String(item.value));
            else warn('Services must be a list of names.');
          }
        } else if (scalar !== undefined) meta.services.push(scalar);
        else if (!isEmpty) warn('Services must be a list of names.');
        break;
      default:
        break;
    }
  }
  return meta;
}

export type FrontMatterValue = string | string[] | null;

/** Where a new field goes when it is missing: after the field it usually follows. */
const PRECEDING_FIELD: Record<string, string> = { resolved: 'started', status: 'severity', commander: 'status' };

/**
 * Sets one top-level field of the front matter, changing only the characters of its value (or
 * adding one line when the field is missing). Throws instead of rewriting a front matter block
 * that is missing, unclosed or not valid YAML.
 */
export function setFrontMatterField(text: string, key: string, value: FrontMatterValue): string {
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) throw new Error(`'${key}' is not a front matter field name.`);
  const src = splitLines(text);
  const block = locateFrontMatter(src);
  if (!block || block.closeIndex === undefined) {
    throw new Error('The incident file has no complete front matter block (--- … ---); not changing it.');
  }
  const yamlText = text.slice(block.contentStart, block.contentEnd);
  const doc = parseDocument(yamlText, { prettyErrors: false });
  if (doc.errors.length > 0) throw new Error(`The front matter is not valid YAML (${doc.errors[0]?.message ?? ''}); not changing it.`);
  if (doc.contents !== null && (!isMap(doc.contents) || doc.contents.flow)) {
    throw new Error('The front matter is not a list of `field: value` lines; not changing it.');
  }
  const rendered = renderValue(value);
  const pairs = isMap(doc.contents) ? (doc.contents.items as Pair<unknown, unknown>[]) : [];
  const pair = pairs.find((p) => isScalar(p.key) && String(p.key.value) === key);
  let edited: string;
  if (pair) {
    edited = replaceValue(yamlText, pair, rendered);
  } else {
    const after = pairs.find((p) => isScalar(p.key) && String(p.key.value) === PRECEDING_FIELD[key]);
    const afterEnd = after ? endOfPairLine(yamlText, after) : undefined;
    const at = afterEnd ?? yamlText.length;
    edited = `${yamlText.slice(0, at)}${key}:${rendered ? ` ${rendered}` : ''}${src.eol}${yamlText.slice(at)}`;
  }
  const check = parseDocument(edited, { prettyErrors: false });
  const readBack: unknown = check.errors.length === 0 ? (check.toJS() as Record<string, unknown> | null)?.[key] : undefined;
  if (check.errors.length > 0 || JSON.stringify(readBack ?? null) !== JSON.stringify(value)) {
    throw new Error(`Could not set ${key} without disturbing the rest of the front matter; not changing it.`);
  }
  return text.slice(0, block.contentStart) + edited + text.slice(block.contentEnd);
}

function renderValue(value: FrontMatterValue): string {
  if (value === null) return '';
  const items = Array.isArray(value) ? value : [value];
  if (items.some((v) => /[\r\n]/.test(v))) throw new Error('Front matter values must be single lines.');
  const options = { lineWidth: 0, collectionStyle: 'flow' as const, flowCollectionPadding: false };
  return stringify(value, options).trimEnd();
}

function replaceValue(yamlText: string, pair: Pair<unknown, unknown>, rendered: string): string {
  const keyEnd = (pair.key as Node).range?.[1] ?? 0;
  const colon = yamlText.indexOf(':', keyEnd);
  const node = pair.value as Node | null;
  const range = node?.range;
  const hasSource = range !== undefined && range !== null && range[1] > range[0];
  if (node && hasSource && (isScalar(node) || (isCollection(node) && node.flow))) {
    // Keep the spacing before the value (aligned columns) and any comment after it.
    if (rendered) return yamlText.slice(0, range[0]) + rendered + yamlText.slice(range[1]);
    return yamlText.slice(0, colon + 1) + yamlText.slice(range[1]);
  }
  let end = hasSource ? range[1] : colon + 1;
  while (end > colon + 1 && /[\r\n]/.test(yamlText[end - 1] ?? '')) end--;
  return yamlText.slice(0, colon + 1) + (rendered ? ` ${rendered}` : '') + yamlText.slice(end);
}

function endOfPairLine(yamlText: string, pair: Pair<unknown, unknown>): number | undefined {
  const node = (pair.value as Node | null) ?? (pair.key as Node);
  const end = node.range?.[1];
  if (end === undefined) return undefined;
  const nl = yamlText.indexOf('\n', Math.max(0, end - 1));
  return nl === -1 ? undefined : nl + 1;
}
