/**
 * Not a secret: the token the bundled demo server accepts. The extension sends it only when the
 * `incidentDesk.demoData` setting is on and the address is a loopback one.
 */
export const DEMO_TOKEN = 'incident-desk-demo';

/** Whether `url` points at this machine: the only place the demo token is ever sent. */
export function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  } catch {
    return false;
  }
}
