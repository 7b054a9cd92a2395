/** What every command gets: the parsed flags, where it runs, and where it writes. */
import type { FlagSpecs, ParsedFlags } from './args';
import type { ExitStatus } from './exitCodes';
import type { Output } from './output';
import type { Workspace } from './workspace';

export interface CommandContext {
  flags: ParsedFlags;
  ws: Workspace;
  out: Output;
  now: number;
  /** The folder it runs in: -C, else the current one. Relative --incident paths start here. */
  cwd: string;
  /** Aborted on Ctrl-C: sources stop their requests and processes. */
  signal: AbortSignal;
}

export interface CommandSpec {
  name: string;
  /** One line for the command list of `incident-desk --help`. */
  brief: string;
  usage: string;
  summary: string;
  flags: FlagSpecs;
  /** More help after the flags (examples, value lists). */
  extra?: string;
  run(ctx: CommandContext): Promise<ExitStatus>;
}
