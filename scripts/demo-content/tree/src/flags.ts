import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface FlagDefinition {
  enabled: boolean;
  rollout_percent?: number;
  owner?: string;
}

const FLAGS_FILE = process.env.FLAGS_FILE ?? join(__dirname, '..', 'config', 'flags.yml');

let flags: Record<string, FlagDefinition> | undefined;

function load(): Record<string, FlagDefinition> {
  flags ??= (parse(readFileSync(FLAGS_FILE, 'utf8')) as { flags: Record<string, FlagDefinition> }).flags;
  return flags;
}

/** True when the flag is on for this subject (a customer or order id), bucketed by a stable hash. */
export function isEnabled(name: string, subject: string): boolean {
  const flag = load()[name];
  if (!flag?.enabled) return false;
  const percent = flag.rollout_percent ?? 100;
  if (percent >= 100) return true;
  const bucket = createHash('sha1').update(`${name}:${subject}`).digest().readUInt16BE(0) % 100;
  return bucket < percent;
}
