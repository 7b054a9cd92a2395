/**
 * Finding and reading a runbook's YAML front matter: a `---` first line, YAML, and a closing
 * `---` (or `...`) line. What the fields mean and how they are checked is in `schema.ts`.
 *
 * A runbook with broken front matter is still a runbook. The problem is reported on its line,
 * the fields are ignored (half-read match rules would suggest it for the wrong incidents), and
 * the title comes from the first heading.
 */

import { isMap, LineCounter, parseDocument } from 'yaml';
import type { RunbookDiagnostic } from '../model/runbooks';
import type { RunbookFields } from './schema';
import { emptyFields, readFields } from './schema';

export interface FrontMatterReading {
  /** True when a complete `---` … `---` block opens the file (even if its YAML is invalid). */
  present: boolean;
  /** 0-based line where the markdown body starts. */
  bodyLine: number;
  fields: RunbookFields;
  diagnostics: RunbookDiagnostic[];
}

const OPEN = /^---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

/** `lines` as split from the file, with the BOM removed from the first one. */
export function readFrontMatter(lines: readonly string[]): FrontMatterReading {
  if (lines.length === 0 || !OPEN.test(lines[0] ?? '')) {
    return { present: false, bodyLine: 0, fields: emptyFields(), diagnostics: [] };
  }
  let close = -1;
  for (let i = 1; i < lines.length; i++) {
    if (CLOSE.test(lines[i] ?? '')) {
      close = i;
      break;
    }
  }
  if (close < 0) {
    // Guess that the YAML ends at the first blank line, so its `# comments` are not taken
    // for headings; without one, all but the `---` line is read as markdown.
    const blank = lines.findIndex((l, i) => i > 0 && l.trim() === '');
    return {
      present: false,
      bodyLine: blank > 0 ? blank + 1 : 1,
      fields: emptyFields(),
      diagnostics: [
        {
          line: 0,
          severity: 'error',
          code: 'frontMatter.unclosed',
          message: 'The front matter starts with --- but no --- line closes it, so it is ignored. Add a --- line after the last field.',
        },
      ],
    };
  }

  const yamlText = lines.slice(1, close).join('\n');
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // linePos is 1-based within the YAML, which starts on file line 1 (0-based).
  const lineOf = (offset: number): number => Math.min(close - 1, Math.max(1, lineCounter.linePos(offset).line));
  const diagnostics: RunbookDiagnostic[] = [];
  for (const error of doc.errors) {
    diagnostics.push({
      line: lineOf(error.pos[0]),
      severity: 'error',
      code: 'frontMatter.yaml',
      message: `The front matter is not valid YAML, so its fields are ignored: ${firstLine(error.message)}`,
    });
  }
  for (const warning of doc.warnings) {
    diagnostics.push({ line: lineOf(warning.pos[0]), severity: 'warning', code: 'frontMatter.yaml', message: `Front matter: ${firstLine(warning.message)}` });
  }
  if (doc.errors.length > 0) return { present: true, bodyLine: close + 1, fields: emptyFields(), diagnostics };
  if (doc.contents !== null && !isMap(doc.contents)) {
    diagnostics.push({
      line: 1,
      severity: 'error',
      code: 'frontMatter.notMap',
      message: 'The front matter must be `field: value` lines (title, services, severity, match, levers); its fields are ignored.',
    });
    return { present: true, bodyLine: close + 1, fields: emptyFields(), diagnostics };
  }
  const { fields, diagnostics: fieldDiagnostics } = readFields(doc, (node) => lineOf(node?.range?.[0] ?? 0));
  diagnostics.push(...fieldDiagnostics);
  return { present: true, bodyLine: close + 1, fields, diagnostics };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  // The YAML library appends "at line N, column M"; the diagnostic already carries the line.
  return line.replace(/ at line \d+, column \d+:?$/, '').trim();
}
