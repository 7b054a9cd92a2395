/**
 * Not a secret: the token the bundled demo server accepts. The extension sends it only when the
 * `incidentDesk.demoData` setting is on and the address is a loopback one.
 */
export const DEMO_TOKEN = 'incident-desk-demo';
