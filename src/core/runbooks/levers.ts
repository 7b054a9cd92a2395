/**
 * Levers: steps that change production (roll back, restart, disable a flag). A step is a lever
 * when its own marker says so (`{lever=rollback}` or `<!-- lever: rollback -->`), or when the
 * front matter `levers` names its id or the heading it sits under. A heading with no block under
 * it is still listed, as a manual lever (a switch in some admin console) with no steps.
 */

import type { RunbookDiagnostic, RunbookHeading, RunbookLever, RunbookStep } from '../model/runbooks';
import type { LeverRef } from './schema';

/** Heading text as compared with `levers` entries: inline markup and case do not matter. */
function headingKey(text: string): string {
  return text.replace(/[`*_]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

export function resolveLevers(
  steps: readonly RunbookStep[],
  headings: readonly RunbookHeading[],
  refs: readonly LeverRef[],
): { steps: RunbookStep[]; levers: RunbookLever[]; diagnostics: RunbookDiagnostic[] } {
  const diagnostics: RunbookDiagnostic[] = [];
  const out = steps.map((s) => ({ ...s }));
  const levers: RunbookLever[] = [];
  for (const step of out) {
    if (!step.lever) continue;
    levers.push({
      kind: step.lever.kind,
      label: step.title ?? step.heading?.text ?? step.id,
      source: step.lever.source,
      line: step.fence.start,
      stepIds: [step.id],
    });
  }
  for (const ref of refs) {
    const byId = out.find((s) => s.id === ref.ref);
    if (byId) {
      if (!byId.lever) {
        byId.lever = { kind: ref.kind, source: 'frontMatter' };
        levers.push({ kind: ref.kind, label: byId.title ?? byId.heading?.text ?? byId.id, source: 'frontMatter', line: byId.fence.start, stepIds: [byId.id] });
      }
      continue;
    }
    const key = headingKey(ref.ref);
    const heading = headings.find((h) => headingKey(h.text) === key);
    if (!heading) {
      diagnostics.push({
        line: ref.line,
        severity: 'warning',
        code: 'lever.unresolved',
        message: `No step has the id '${ref.ref}' and no heading reads '${ref.ref}'; this lever is ignored.`,
      });
      continue;
    }
    const under = out.filter((s) => s.heading?.line === heading.line);
    const fresh = under.filter((s) => !s.lever);
    for (const s of fresh) s.lever = { kind: ref.kind, source: 'frontMatter' };
    // Steps that were already marked are listed under their own marker; do not list them twice.
    if (under.length > 0 && fresh.length === 0) continue;
    levers.push({ kind: ref.kind, label: heading.text, source: 'frontMatter', line: heading.line, stepIds: fresh.map((s) => s.id) });
  }
  levers.sort((a, b) => a.line - b.line);
  return { steps: out, levers, diagnostics };
}
