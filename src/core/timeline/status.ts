/** Changing an incident's status: the front matter fields and the status entry that says so. */
import type { IncidentStatus } from '../model/incident';
import { appendEntry } from './append';
import { formatTimestamp } from './format';
import { setFrontMatterField } from './frontMatter';

export interface StatusChange {
  status: IncidentStatus;
  /** The status before, as the file said (investigating when unset). */
  previous: string;
  author: string;
  now: number;
}

/** Sets `status:` (and `resolved:`) in place and appends a status entry: the text after the change. */
export function applyStatusChange(text: string, change: StatusChange): string {
  const { status, previous, author, now } = change;
  let next = setFrontMatterField(text, 'status', status);
  if (status === 'resolved') next = setFrontMatterField(next, 'resolved', formatTimestamp(now));
  else if (previous === 'resolved') next = setFrontMatterField(next, 'resolved', null);
  return appendEntry(next, { at: formatTimestamp(now), kind: 'status', author, text: `Status: ${previous} → ${status}` });
}
