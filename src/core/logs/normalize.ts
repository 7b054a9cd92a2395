/**
 * Message templates: the variable parts of a message replaced by placeholders, so that
 * "timeout after 250ms calling 10.0.0.7" and "timeout after 3s calling 10.0.0.9" group as one
 * signature.
 *
 * This runs once per entry, so it avoids running a big regular expression over every
 * character: quoted values and timestamps (which may contain spaces) are replaced first, each
 * only when a cheap check says the message can hold one; then only the space-separated tokens
 * that hold a digit or one of `@ ? :` go through the token rules. Words pass untouched.
 */

// Only the first line of a message names the problem; a trace under it does not.
const TEMPLATE_INPUT_CAP = 500;

// Quoted values; a quote inside a word (can't) does not open one.
const QUOTED = /(?<![\w\\])"(?:[^"\\]|\\.){0,200}"|(?<![\w\\])'(?:[^'\\]|\\.){0,200}'(?!\w)/g;
// ISO 8601 timestamps, the date and time possibly separated by a space.
const TIMESTAMP = /\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?:Z|[+-]\d\d:?\d\d)?/g;
// "250 ms", once the number became a placeholder.
const SPACED_DURATION = /<num> (?:ns|µs|us|ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?)\b/g;

/** Rules for one token, in priority order: at a position the first that matches wins. */
const TOKEN_RULES: [string, string][] = [
  ['time', String.raw`\b\d\d:\d\d:\d\d(?:[.,]\d+)?\b`],
  // URLs: keep scheme, host and path; the query string becomes a placeholder
  ['url', String.raw`\b[a-z][a-z0-9+.-]*://[^\s"'<>?#]*\?[^\s"'<>#]*`],
  ['uuid', String.raw`\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b`],
  ['email', String.raw`\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b`],
  ['ipv4', String.raw`\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b`],
  // IPv6 needs "::" or eight groups, so that times and "a:b" do not match
  ['ipv6', String.raw`(?<![\w:])(?:(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|(?:[0-9a-fA-F]{1,4}:){0,6}[0-9a-fA-F]{0,4}::(?:[0-9a-fA-F]{1,4}:){0,6}[0-9a-fA-F]{0,4})(?![\w:])`],
  // a query string without a scheme: /orders?id=1&x=2
  ['query', String.raw`\?[\w.~%-]+=[\w.~%&=+,;:-]*`],
  // hex ids of 8+ characters with at least one digit (commit ids, request ids, 0x addresses)
  ['hex', String.raw`\b(?:0x)?(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\b|\b0x[0-9a-fA-F]+\b`],
  ['duration', String.raw`\b\d+(?:\.\d+)?(?:ns|µs|us|ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?)\b`],
  // a path segment that is a number or holds one of 2+ digits: /users/u-42/orders → /users/<id>/orders
  // (a version segment such as /v1/ keeps its letters: v<num>)
  ['pathid', String.raw`(?<=\/)(?:\d+|[\w.~%-]*\d{2,}[\w.~%-]*)(?=\/|$|[?#"'),;\]])`],
  // a sign only where it cannot be a hyphen (worker-3 → worker-<num>)
  ['num', String.raw`(?:(?<![\w.-])[+-])?\d+(?:[.,]\d+)*`],
];

const PLACEHOLDER: Record<string, string> = {
  time: '<time>',
  uuid: '<uuid>',
  email: '<email>',
  ipv4: '<ip>',
  ipv6: '<ip>',
  query: '?<query>',
  hex: '<hex>',
  duration: '<duration>',
  pathid: '<id>',
  num: '<num>',
};

// Numbered groups, one per rule (the rules have no capturing groups of their own): named
// groups would build an object per match, which costs more than the match itself.
const compile = (rules: [string, string][]): RegExp => new RegExp(rules.map(([, re]) => `(${re})`).join('|'), 'g');
const TOKEN_PATTERN = compile(TOKEN_RULES);
// For the part of a URL that is kept (host and path): everything but the URL rule itself.
const IN_URL_RULES = TOKEN_RULES.filter(([name]) => name !== 'url');
const IN_URL_PATTERN = compile(IN_URL_RULES);
const tokenReplacer = replacerFor(TOKEN_RULES.map(([name]) => name));
const inUrlReplacer = replacerFor(IN_URL_RULES.map(([name]) => name));

/** The template of a message: its first line with variable parts replaced. */
export function messageTemplate(message: string): string {
  let nl = message.indexOf('\n');
  if (nl < 0) nl = message.length;
  let text = message.slice(0, Math.min(nl, TEMPLATE_INPUT_CAP));
  if (text.includes('"') || text.includes("'")) text = text.replace(QUOTED, (q) => (q[0] === '"' ? '"<str>"' : "'<str>'"));
  if (text.includes(':') && text.includes('-')) text = text.replace(TIMESTAMP, '<ts>');
  if (hasSpaceRun(text)) text = text.replace(/\s+/g, ' ');
  // Token by token without splitting: only tokens that change are copied.
  let out = '';
  let last = 0;
  let changed = false;
  for (let i = 0; i < text.length; ) {
    let j = text.indexOf(' ', i);
    if (j < 0) j = text.length;
    if (j > i && needsRules(text, i, j)) {
      changed = true;
      out += text.slice(last, i) + templateToken(text.slice(i, j));
      last = j;
    }
    i = j + 1;
  }
  out = (last === 0 ? text : out + text.slice(last)).trim();
  if (changed && out.includes('<num> ')) out = out.replace(SPACED_DURATION, '<duration>');
  return out;
}

/** Two white-space characters in a row, or one other than a plain space: /\s\s|[\t\r\f\v]/. */
function hasSpaceRun(text: string): boolean {
  let prev = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 32 && c < 160) {
      prev = false;
      continue;
    }
    if (c === 9 || c === 11 || c === 12 || c === 13) return true;
    const space = c === 32 || c === 10 || isUnicodeSpace(c);
    if (space && prev) return true;
    prev = space;
  }
  return false;
}

function isUnicodeSpace(c: number): boolean {
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * One token with a digit or a special character. The full rule set is slow (every position
 * tries every rule), so it is kept for tokens that need it: with `: @ ?` (times, URLs, IPs,
 * emails, queries), three dots (IPv4) or a long hex run. Paths and tokens with only numbers
 * take short cuts.
 */
function templateToken(t: string): string {
  let run = 0;
  let longHex = false;
  let slash = false;
  let dots = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 58 || c === 64 || c === 63) return t.replace(TOKEN_PATTERN, tokenReplacer);
    if (c === 47) slash = true;
    else if (c === 46) dots++;
    const hex = (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
    run = hex ? run + 1 : 0;
    if (run >= 8) longHex = true;
  }
  // dots: an IPv4 address (10.0.0.7)
  if (longHex || dots >= 3 || t.includes('0x')) return t.replace(TOKEN_PATTERN, tokenReplacer);
  return slash ? templatePath(t) : replaceNumbers(t);
}

/** /users/u-42/orders/7 → /users/<id>/orders/<id>: a segment that is a number or holds 2+ digits. */
function templatePath(t: string): string {
  const segments = t.split('/');
  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k];
    if (k === 0 || seg.length === 0) {
      segments[k] = replaceNumbers(seg);
      continue;
    }
    // Closing punctuation after the last segment stays: "(/a/1)," → "(/a/<id>),".
    let end = seg.length;
    while (end > 0 && TRAILING.includes(seg[end - 1])) end--;
    const core = seg.slice(0, end);
    segments[k] = isIdSegment(core) ? `<id>${seg.slice(end)}` : replaceNumbers(seg);
  }
  return segments.join('/');
}

const TRAILING = `?#"'),;]`;

function isIdSegment(seg: string): boolean {
  if (seg.length === 0) return false;
  let digitsOnly = true;
  let run = 0;
  let twoDigits = false;
  for (let i = 0; i < seg.length; i++) {
    const c = seg.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (!digit) {
      digitsOnly = false;
      // Only [\w.~%-] make up an id segment.
      if (!(isLetter(c) || c === 95 || c === 46 || c === 126 || c === 37 || c === 45)) return false;
    }
    run = digit ? run + 1 : 0;
    if (run >= 2) twoDigits = true;
  }
  return digitsOnly || twoDigits;
}

/**
 * Numbers to <num> and numbers with a unit to <duration>, by hand: the same as the `num` and
 * `duration` rules, several times faster than a replace with a callback.
 */
function replaceNumbers(t: string): string {
  let out = '';
  let last = 0;
  const n = t.length;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    let start = i;
    // A sign belongs to the number unless it is a hyphen inside a word (worker-3).
    if (start > 0) {
      const p = t.charCodeAt(start - 1);
      if ((p === 45 || p === 43) && (start === 1 || !isWordish(t.charCodeAt(start - 2)))) start--;
    }
    let j = i;
    while (j < n && isDigit(t.charCodeAt(j))) j++;
    while (j + 1 < n && (t.charCodeAt(j) === 46 || t.charCodeAt(j) === 44) && isDigit(t.charCodeAt(j + 1))) {
      j++;
      while (j < n && isDigit(t.charCodeAt(j))) j++;
    }
    let k = j;
    while (k < n && isLetter(t.charCodeAt(k))) k++;
    const unit = k > j && !isWordish(t.charCodeAt(k)) && DURATION_UNITS.has(t.slice(j, k)) && !isWordish(t.charCodeAt(start - 1));
    out += t.slice(last, start) + (unit ? '<duration>' : '<num>');
    last = unit ? k : j;
    i = last - 1;
  }
  return last === 0 ? t : out + t.slice(last);
}

const DURATION_UNITS = new Set(['ns', 'µs', 'us', 'ms', 's', 'sec', 'secs', 'second', 'seconds', 'm', 'min', 'mins', 'minute', 'minutes', 'h', 'hour', 'hours']);

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** [A-Za-z0-9_] and the characters that glue a word together here (., -). */
function isWordish(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 95 || c === 46 || c === 45;
}

/** A token (text[from, to)) with a digit, or an @, ? or : (emails, queries, IPv6) can hold a variable part. */
function needsRules(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 58) || c === 64 || c === 63) return true;
  }
  return false;
}

function replacerFor(names: string[]): (match: string, ...groups: unknown[]) => string {
  return (match, ...groups) => {
    // The first group that matched names the rule.
    for (let k = 0; k < names.length; k++) {
      if (groups[k] === undefined) continue;
      const name = names[k];
      if (name === 'url') {
        const q = match.indexOf('?');
        return `${match.slice(0, q).replace(IN_URL_PATTERN, inUrlReplacer)}?<query>`;
      }
      return PLACEHOLDER[name];
    }
    return match;
  };
}

/**
 * The template an entry groups under, never empty. Structured loggers often log a fixed message
 * with the error in a field (pino's and bunyan's `err`, `error`): "unhandled error" for every
 * failure. The error's type and message are added when the message does not already say them,
 * so that different failures make different signatures.
 */
export function entryTemplate(entry: { message: string; fields?: Record<string, unknown> }): string {
  let text = entry.message;
  const err = entry.fields ? (entry.fields.err ?? entry.fields.error) : undefined;
  if (err && typeof err === 'object' && !Array.isArray(err)) {
    const e = err as Record<string, unknown>;
    const message = typeof e.message === 'string' ? e.message.split('\n', 1)[0] : '';
    const type = typeof e.type === 'string' ? e.type : typeof e.name === 'string' ? e.name : '';
    if (message && !text.includes(message)) text = `${text}: ${type && !message.startsWith(type) ? `${type}: ` : ''}${message}`;
  }
  return messageTemplate(text) || '(empty message)';
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

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 181;
}
