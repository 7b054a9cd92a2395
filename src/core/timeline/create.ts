/** A new incident file and its name. */

import { stringify } from 'yaml';
import type { Severity } from '../model/incident';
import { SEVERITIES } from '../model/incident';
import { formatTimestamp, parseTimestamp } from './format';

export interface NewIncident {
  title: string;
  severity: Severity;
  services: readonly string[];
  commander: string;
  /** UTC ISO-8601 timestamp, or milliseconds since the epoch. */
  started: string | number;
}

const MAX_SLUG_LENGTH = 60;

/**
 * The text of a new incident file: front matter, the title as a heading and an empty
 * `## Timeline` section that entries are appended to.
 */
export function createIncidentFile(incident: NewIncident, eol: '\n' | '\r\n' = '\n'): string {
  const title = oneLine(incident.title);
  if (!title) throw new Error('An incident needs a title.');
  if (!SEVERITIES.includes(incident.severity)) throw new Error(`Severity must be one of ${SEVERITIES.join(', ')}.`);
  const started = typeof incident.started === 'number' ? formatTimestamp(incident.started) : incident.started;
  if (parseTimestamp(started) === undefined) throw new Error(`'${started}' is not a UTC ISO-8601 timestamp.`);
  const services = incident.services.map(oneLine).filter((s) => s.length > 0);
  const lines = [
    '---',
    `title: ${yamlValue(title)}`,
    `severity: ${incident.severity}`,
    'status: investigating',
    `commander: ${yamlValue(oneLine(incident.commander))}`,
    `started: ${started}`,
    'resolved:',
    `services: ${yamlValue(services)}`,
    '---',
    '',
    `# ${title}`,
    '',
    '## Timeline',
    '',
  ];
  return lines.join(eol);
}

/** `YYYY-MM-DD-<slug>.md`, dated in UTC. */
export function incidentFileName(date: Date | number | string, title: string): string {
  const d = date instanceof Date ? date : new Date(date);
  if (Number.isNaN(d.getTime())) throw new Error(`'${String(date)}' is not a date.`);
  return `${d.toISOString().slice(0, 10)}-${slugify(title)}.md`;
}

/** Lowercase ASCII words joined by dashes, at most 60 characters, `incident` when nothing is left. */
export function slugify(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .toLowerCase();
  let slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > MAX_SLUG_LENGTH) {
    const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
    const lastDash = cut.lastIndexOf('-');
    slug = (lastDash > MAX_SLUG_LENGTH / 2 ? cut.slice(0, lastDash) : cut.slice(0, MAX_SLUG_LENGTH)).replace(/-+$/g, '');
  }
  return slug || 'incident';
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function yamlValue(value: string | readonly string[]): string {
  return stringify(value, { lineWidth: 0, collectionStyle: 'flow', flowCollectionPadding: false }).trimEnd();
}
