/** Reading a runbook file into the model of `src/core/model/runbooks.ts`. */

import type { Runbook, RunbookDiagnostic } from '../model/runbooks';
import { readFrontMatter } from './frontMatter';
import { resolveLevers } from './levers';
import { scanMarkdown } from './markdown';
import { extractSteps } from './steps';

/**
 * Parses one runbook. Never throws and never drops the runbook: whatever is wrong ends up in
 * `diagnostics`, and the title falls back to the first `# ` heading, then to the file name.
 * `path` is only used as an identity and for that last fallback.
 */
export function parseRunbook(path: string, text: string): Runbook {
  const lines = (text.startsWith('\uFEFF') ? text.slice(1) : text).split(/\r?\n/);
  const front = readFrontMatter(lines);
  const outline = scanMarkdown(lines, front.bodyLine);
  const extracted = extractSteps(outline, lines);
  const { steps, levers, diagnostics: leverDiagnostics } = resolveLevers(extracted.steps, outline.headings, front.fields.levers);
  const { title: fmTitle, summary, services, severity, rules } = front.fields;
  const h1 = outline.headings.find((h) => h.level === 1 && h.text !== '');
  const title = fmTitle ?? h1?.text ?? fileTitle(path);
  const diagnostics: RunbookDiagnostic[] = [...front.diagnostics, ...extracted.diagnostics, ...leverDiagnostics].sort((a, b) => a.line - b.line);
  return {
    path,
    title,
    titleSource: fmTitle !== undefined ? 'frontMatter' : h1 ? 'heading' : 'fileName',
    ...(summary !== undefined ? { summary } : {}),
    services,
    ...(severity !== undefined ? { severity } : {}),
    rules,
    hasFrontMatter: front.present,
    bodyLine: front.bodyLine,
    headings: outline.headings,
    steps,
    levers,
    placeholders: [...new Set(steps.flatMap((s) => s.placeholders))],
    diagnostics,
  };
}

function fileTitle(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  return name.replace(/\.(md|markdown)$/i, '') || name;
}

/**
 * Whether a file in the runbooks folder is a runbook: markdown, and not the folder's README
 * (which documents the format and is full of example blocks) nor a file starting with `_`
 * (templates, drafts).
 */
export function isRunbookFile(path: string): boolean {
  const name = path.split(/[\\/]/).pop() ?? '';
  return /\.(md|markdown)$/i.test(name) && !/^readme\./i.test(name) && !name.startsWith('_');
}

/** `path:line: severity: message` with a 1-based line, for logs and test output. */
export function formatDiagnostic(path: string, d: RunbookDiagnostic): string {
  return `${path}:${d.line + 1}: ${d.severity}: ${d.message}`;
}
