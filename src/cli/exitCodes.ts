/**
 * Exit statuses of `incident-desk`, for scripts. Documented in the README and in `--help`.
 */
export const ExitCode = {
  /** Everything asked for was done or printed. */
  ok: 0,
  /** A source failed (the others still printed), or the command could not finish. */
  failed: 1,
  /** Bad command, flag or value: nothing was done. */
  usage: 2,
  /** Nothing to work on: no git repository, no incident, or the source is not configured. */
  nothing: 3,
  /** Stopped with Ctrl-C (128 + SIGINT, as shells report it). */
  interrupted: 130,
} as const;

export type ExitStatus = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure with the status to exit with; its message is printed as it is. */
export class CliError extends Error {
  constructor(
    readonly status: ExitStatus,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string): CliError => new CliError(ExitCode.usage, message);
export const nothingError = (message: string): CliError => new CliError(ExitCode.nothing, message);
