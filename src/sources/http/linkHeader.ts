/** RFC 8288 Link headers as Sentry and GitHub send them, with their extra parameters. */
export interface LinkRel {
  url: string;
  rel: string;
  /** Sentry: `results="true"` when the page behind this link has items. */
  results?: boolean;
  /** Sentry: the cursor of that page. */
  cursor?: string;
}

/**
 * `<url>; rel="next"; results="true"; cursor="0:100:0", <url>; rel="previous"` → links by rel.
 * Splits on the `<` that opens each link, since cursors and URLs may hold commas.
 */
export function parseLinkHeader(header: string | undefined): Map<string, LinkRel> {
  const out = new Map<string, LinkRel>();
  if (!header) return out;
  for (const m of header.matchAll(/<([^>]*)>([^<]*)/g)) {
    const params = new Map<string, string>();
    for (const p of m[2].matchAll(/;\s*([\w-]+)\s*=\s*(?:"([^"]*)"|([^;,\s]*))/g)) {
      params.set(p[1].toLowerCase(), p[2] ?? p[3] ?? '');
    }
    const rels = (params.get('rel') ?? '').split(/\s+/).filter(Boolean);
    const results = params.get('results');
    for (const rel of rels) {
      if (out.has(rel)) continue;
      out.set(rel, {
        url: m[1].trim(),
        rel,
        results: results === undefined ? undefined : results.toLowerCase() === 'true',
        cursor: params.get('cursor'),
      });
    }
  }
  return out;
}

/**
 * The next page to fetch, or undefined. Sentry always sends a `next` link and marks whether it
 * has results; a link that says `results="false"` ends the listing.
 */
export function nextPageUrl(header: string | undefined): string | undefined {
  const next = parseLinkHeader(header).get('next');
  if (!next || next.results === false || !next.url) return undefined;
  return next.url;
}
