import type { ErrorEvent, ExceptionInfo, ExceptionMechanism, SourceContextLine, StackFrame } from '../../core/model/errors';
import { appFramesFirst } from '../../core/model/errors';
import { isThirdPartyPath } from '../../core/frames/thirdParty';
import { asArray, asBoolean, asNumber, asObject, asString, asTime, expectObject } from '../http/json';
import type { JsonObject } from '../http/json';

const MAX_FRAMES = 500;
const MAX_CONTEXT_TEXT = 500;

/**
 * GET /organizations/{org}/issues/{id}/events/latest/ → ErrorEvent. The web API sends frames in
 * camelCase (absPath, lineNo, colNo, inApp, context as [line, text] pairs); the ingest format's
 * snake_case (abs_path, lineno, pre_context, …) is read too, for proxies and older servers.
 */
export function parseEvent(raw: unknown, ctx: { service: string; what: string }): ErrorEvent {
  const o = expectObject(raw, ctx);
  const tags: { key: string; value: string }[] = [];
  for (const t of asArray(o.tags)) {
    const to = asObject(t);
    const key = asString(to?.key);
    const value = asString(to?.value);
    if (key !== undefined && value !== undefined) tags.push({ key, value });
  }
  const releaseObj = asObject(o.release);
  const sdk = asObject(o.sdk);
  const metadata = asObject(o.metadata);
  return {
    // `eventID` is the event's id; the published sample's `id` differs from it.
    id: asString(o.eventID) ?? asString(o.id) ?? '',
    issueId: asString(o.groupID),
    projectId: asString(o.projectID),
    title: asString(o.title) || asString(metadata?.title) || '(no title)',
    message: asString(o.message) ?? '',
    platform: asString(o.platform),
    dateCreated: asTime(o.dateCreated),
    release: asString(releaseObj?.version) ?? asString(o.release),
    environment: tags.find((t) => t.key === 'environment')?.value ?? asString(o.environment),
    culprit: asString(o.culprit),
    location: asString(o.location),
    tags,
    exceptions: exceptionsOf(asArray(o.entries)),
    sdk: sdk ? { name: asString(sdk.name) ?? '', version: asString(sdk.version) ?? '' } : undefined,
  };
}

function exceptionsOf(entries: unknown[]): ExceptionInfo[] {
  const out: ExceptionInfo[] = [];
  for (const entry of entries) {
    const e = asObject(entry);
    const data = asObject(e?.data);
    if (!e || !data) continue;
    if (e.type === 'exception') {
      // Sentry lists a chain root cause first; show the exception that surfaced first.
      const values = asArray(data.values).map(asObject).filter((v): v is JsonObject => !!v);
      for (const v of values.reverse()) out.push(exceptionOf(v));
    }
  }
  if (out.length) return out;
  // No exception: a crashed thread's or a bare stack trace still says where it happened.
  for (const entry of entries) {
    const e = asObject(entry);
    const data = asObject(e?.data);
    if (e?.type === 'threads') {
      const threads = asArray(data?.values).map(asObject);
      const t = threads.find((th) => th?.crashed === true) ?? threads.find((th) => th?.current === true);
      if (t && asObject(t.stacktrace)) out.push({ type: asString(t.name) ?? 'Thread', value: '', frames: framesOf(asObject(t.stacktrace)) });
    } else if (e?.type === 'stacktrace' && data) {
      out.push({ type: 'Stack trace', value: '', frames: framesOf(data) });
    }
  }
  return out;
}

function exceptionOf(v: JsonObject): ExceptionInfo {
  const m = asObject(v.mechanism);
  let mechanism: ExceptionMechanism | undefined;
  if (m) {
    mechanism = {
      type: asString(m.type) ?? 'generic',
      handled: asBoolean(m.handled),
      synthetic: asBoolean(m.synthetic),
      source: asString(m.source),
      exceptionId: asNumber(m.exception_id ?? m.exceptionId),
      parentId: asNumber(m.parent_id ?? m.parentId),
      isExceptionGroup: asBoolean(m.is_exception_group ?? m.isExceptionGroup),
    };
  }
  // Symbolicated frames when Sentry has them, else what the SDK sent (minified).
  const trace = asObject(v.stacktrace) ?? asObject(v.rawStacktrace) ?? asObject(v.raw_stacktrace);
  return {
    type: asString(v.type) ?? 'Error',
    value: asString(v.value) ?? '',
    module: asString(v.module),
    mechanism,
    frames: trace ? framesOf(trace) : [],
  };
}

function framesOf(trace: JsonObject | undefined): StackFrame[] {
  const raw = asArray(trace?.frames);
  // Keep the innermost frames when a recursion blew the stack: they are where it threw.
  const start = Math.max(0, raw.length - MAX_FRAMES);
  const frames: StackFrame[] = [];
  for (let i = start; i < raw.length; i++) {
    const f = asObject(raw[i]);
    if (!f) continue;
    const absPath = asString(f.absPath) ?? asString(f.abs_path);
    const filename = asString(f.filename);
    const thirdParty = isThirdPartyPath(absPath) || isThirdPartyPath(filename);
    frames.push({
      index: i,
      filename,
      absPath,
      module: asString(f.module),
      function: asString(f.function),
      package: asString(f.package),
      lineno: asNumber(f.lineNo) ?? asNumber(f.lineno),
      colno: asNumber(f.colNo) ?? asNumber(f.colno),
      inApp: (asBoolean(f.inApp) ?? asBoolean(f.in_app)) === true && !thirdParty,
      context: contextOf(f),
      platform: asString(f.platform),
    });
  }
  return appFramesFirst(frames);
}

function contextOf(f: JsonObject): SourceContextLine[] {
  const out: SourceContextLine[] = [];
  for (const pair of asArray(f.context)) {
    if (!Array.isArray(pair)) continue;
    const line = asNumber(pair[0]);
    const text = asString(pair[1]);
    if (line !== undefined && text !== undefined) out.push({ line, text: text.slice(0, MAX_CONTEXT_TEXT) });
  }
  if (out.length) return out;
  // Ingest format: pre_context, context_line, post_context around lineno.
  const lineno = asNumber(f.lineno) ?? asNumber(f.lineNo);
  const current = asString(f.context_line);
  if (lineno === undefined || current === undefined) return out;
  const pre = asArray(f.pre_context).map(asString);
  const post = asArray(f.post_context).map(asString);
  pre.forEach((t, i) => t !== undefined && out.push({ line: lineno - pre.length + i, text: t.slice(0, MAX_CONTEXT_TEXT) }));
  out.push({ line: lineno, text: current.slice(0, MAX_CONTEXT_TEXT) });
  post.forEach((t, i) => t !== undefined && out.push({ line: lineno + 1 + i, text: t.slice(0, MAX_CONTEXT_TEXT) }));
  return out;
}
