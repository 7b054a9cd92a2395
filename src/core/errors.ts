/**
 * Typed failures that sources raise at their boundary. Views turn them into a status with an
 * action; nothing else needs to know how a source failed.
 */
export type SourceErrorKind =
  | 'notConfigured'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'rateLimited'
  | 'timeout'
  | 'unreachable'
  | 'badResponse'
  | 'cancelled'
  | 'toolMissing'
  | 'notARepository'
  | 'failed';

export class SourceError extends Error {
  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    /** For rateLimited: when to try again (ms since the epoch). */
    readonly retryAt?: number,
    /** Extra detail for the log, never shown as markup. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

/** By shape too: the Sentry and GitHub clients live in a bundle of their own, with its own class. */
export function isSourceError(e: unknown): e is SourceError {
  return e instanceof SourceError || (e instanceof Error && e.name === 'SourceError' && typeof (e as { kind?: unknown }).kind === 'string');
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
