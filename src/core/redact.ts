/** Tokens and credentials that must never reach a log line, whatever printed them. */
/* Each pattern's first group is kept (the label before the secret); the rest is replaced. */
const SECRET_PATTERNS: RegExp[] = [
  /()\bgh[pousr]_[A-Za-z0-9]{20,}/g,
  /()\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /()\bsntry[su]_[A-Za-z0-9+/=_-]{20,}/g,
  /(authorization:\s*(?:bearer|basic|token)\s+)\S+/gi,
  /(\bbearer\s+)[A-Za-z0-9._~+/=-]{12,}/gi,
  /([?&](?:access_)?token=)[^&\s]+/gi,
  /(\/\/[^/\s:@]+:)[^@\s/]+(?=@)/g,
];

export function redact(text: string): string {
  let out = text;
  for (const p of SECRET_PATTERNS) out = out.replace(p, '$1[redacted]');
  return out;
}

