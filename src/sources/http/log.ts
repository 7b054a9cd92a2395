/**
 * Where sources report what they did. The host passes its "Incident Desk" log channel (same
 * shape, so it fits without an adapter); tests pass nothing or a recorder.
 */
export interface Log {
  info(component: string, message: string): void;
  warn(component: string, message: string): void;
  error(component: string, message: string, detail?: string): void;
}

export const silentLog: Log = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
