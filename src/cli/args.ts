/**
 * Flags with node's own `util.parseArgs`: strict, so a mistyped flag is an error (exit 2) rather
 * than silently ignored. Every command shares the global flags below.
 */
import { parseArgs } from 'util';
import { usageError } from './exitCodes';

export interface FlagSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Shown in --help, e.g. `--since <when>`. */
  value?: string;
  help: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

export const GLOBAL_FLAGS: FlagSpecs = {
  json: { type: 'boolean', help: 'Machine-readable output on stdout' },
  help: { type: 'boolean', short: 'h', help: 'Show help for the command' },
  cwd: { type: 'string', short: 'C', value: '<folder>', help: 'Run as if started in <folder>' },
  'no-color': { type: 'boolean', help: 'No colour even on a terminal (also: NO_COLOR=1)' },
};

export const INCIDENT_FLAG: FlagSpecs = {
  incident: { type: 'string', value: '<file>', help: 'The incident file (default: the single open one, else the newest open one)' },
};

export const TOKEN_FLAGS: FlagSpecs = {
  'sentry-token': { type: 'string', value: '<token>', help: 'Sentry auth token (better: INCIDENT_DESK_SENTRY_TOKEN)' },
  'github-token': { type: 'string', value: '<token>', help: 'GitHub token (better: INCIDENT_DESK_GITHUB_TOKEN or GITHUB_TOKEN)' },
};

export interface ParsedFlags {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export function parseFlags(command: string, args: readonly string[], specs: FlagSpecs): ParsedFlags {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, s] of Object.entries({ ...GLOBAL_FLAGS, ...specs })) {
    options[name] = { type: s.type, ...(s.short ? { short: s.short } : {}), ...(s.multiple ? { multiple: true } : {}) };
  }
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: values as ParsedFlags['values'], positionals };
  } catch (e) {
    const message = e instanceof Error ? e.message.replace(/^.*?: /, '') : String(e);
    throw usageError(`${command}: ${message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '')} (see incident-desk ${command} --help)`);
  }
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** The help text of one command: usage, what it does, its flags and the shared ones. */
export function helpText(name: string, usage: string, summary: string, specs: FlagSpecs, extra = ''): string {
  const rows = Object.entries({ ...specs, ...GLOBAL_FLAGS }).map(([flag, s]) => {
    const left = `${s.short ? `-${s.short}, ` : '    '}--${flag}${s.value ? ` ${s.value}` : ''}`;
    return [left, s.help];
  });
  const width = Math.max(...rows.map((r) => r[0]!.length));
  const flags = rows.map(([l, h]) => `  ${l!.padEnd(width)}  ${h}`).join('\n');
  return `Usage: incident-desk ${usage}\n\n${summary}\n\nOptions:\n${flags}\n${extra ? `\n${extra}\n` : ''}`;
}
