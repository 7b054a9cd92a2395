/**
 * Message templates: the variable parts of a message replaced by placeholders, so that
 * "timeout after 250ms calling 10.0.0.7" and "timeout after 3s calling 10.0.0.9" group as one
 * signature. One pass with one regular expression (alternatives in priority order: the
 * leftmost match wins, then the first alternative), which is several times faster than a
 * chain of replacements.
 */

// Only the first line of a message names the problem; a trace under it does not.
const TEMPLATE_INPUT_CAP = 500;

const ALTERNATIVES: [string, string][] = [
  // ISO 8601 timestamps and bare times of day
  ['ts', String.raw`\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?:Z|[+-]\d\d:?\d\d)?`],
  ['time', String.raw`\b\d\d:\d\d:\d\d(?:[.,]\d+)?\b`],
  // URLs: keep scheme, host and path; the query string becomes a placeholder
  ['url', String.raw`\b[a-z][a-z0-9+.-]*://[^\s"'<>?#]*\?[^\s"'<>#]*`],
  ['uuid', String.raw`\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b`],
  ['email', String.raw`\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b`],
  ['ipv4', String.raw`\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b`],
  // IPv6 needs "::" or eight groups, so that times and "a:b" do not match
  ['ipv6', String.raw`(?<![\w:])(?:(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|(?:[0-9a-fA-F]{1,4}:){0,6}[0-9a-fA-F]{0,4}::(?:[0-9a-fA-F]{1,4}:){0,6}[0-9a-fA-F]{0,4})(?![\w:])`],
  // quoted values; a quote inside a word (can't) does not open one
  ['dq', String.raw`(?<![\w\\])"(?:[^"\\\n]|\\.){0,200}"`],
  ['sq', String.raw`(?<![\w\\])'(?:[^'\\\n]|\\.){0,200}'(?!\w)`],
  // a path query string without a scheme: /orders?id=1&x=2
  ['query', String.raw`(?<=\/[\w.~%-]*)\?[\w.~%&=+,;:-]+`],
  // hex ids of 8+ characters with at least one digit (commit ids, request ids, 0x addresses)
  ['hex', String.raw`\b(?:0x)?(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\b|\b0x[0-9a-fA-F]+\b`],
  ['duration', String.raw`\b\d+(?:\.\d+)?\s?(?:ns|µs|us|ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?)\b`],
  // a path segment that is a number or holds one of 2+ digits: /users/u-42/orders → /users/<id>/orders
  // (a version segment such as /v1/ keeps its letters: v<num>)
  ['pathid', String.raw`(?<=\/)(?:\d+|[\w.~%-]*\d{2,}[\w.~%-]*)(?=\/|\s|$|[?#"'),;\]])`],
  // a sign only where it cannot be a hyphen (worker-3 → worker-<num>)
  ['num', String.raw`(?:(?<![\w.-])[+-])?\d+(?:[.,]\d+)*`],
];

const PLACEHOLDER: Record<string, string> = {
  ts: '<ts>',
  time: '<time>',
  uuid: '<uuid>',
  email: '<email>',
  ipv4: '<ip>',
  ipv6: '<ip>',
  dq: '"<str>"',
  sq: "'<str>'",
  query: '?<query>',
  hex: '<hex>',
  duration: '<duration>',
  pathid: '<id>',
  num: '<num>',
};

const compile = (alts: [string, string][]): RegExp => new RegExp(alts.map(([name, re]) => `(?<${name}>${re})`).join('|'), 'g');
const PATTERN = compile(ALTERNATIVES);
// For the part of a URL that is kept (host and path): everything but the URL rule itself.
const PATTERN_IN_URL = compile(ALTERNATIVES.filter(([name]) => name !== 'url'));
const NAMES = ALTERNATIVES.map(([name]) => name);

/** The template of a message: its first line with variable parts replaced. */
export function messageTemplate(message: string): string {
  let nl = message.indexOf('\n');
  if (nl < 0) nl = message.length;
  const first = message.slice(0, Math.min(nl, TEMPLATE_INPUT_CAP)).trim();
  return first.replace(PATTERN, replacer).replace(/\s+/g, ' ');
}

function replacer(match: string, ...args: unknown[]): string {
  // The last argument is the named groups object; the first group that matched names the kind.
  const groups = args[args.length - 1] as Record<string, string | undefined>;
  for (const name of NAMES) {
    if (groups[name] === undefined) continue;
    if (name === 'url') {
      const q = match.indexOf('?');
      return `${match.slice(0, q).replace(PATTERN_IN_URL, replacer)}?<query>`;
    }
    return PLACEHOLDER[name];
  }
  return match;
}

/** FNV-1a (32 bit) as 8 hex digits: a short, stable id for a template. */
export function templateId(template: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < template.length; i++) {
    h ^= template.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
