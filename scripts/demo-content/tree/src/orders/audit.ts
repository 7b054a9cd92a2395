import { logger } from '../logger';

export type AuditAction = 'order.created' | 'order.authorised' | 'order.failed';

/** Audit events go to their own log stream, which is shipped to the compliance archive. */
const audit = logger.child({ stream: 'audit' });

export function emitAuditEvent(action: AuditAction, orderId: string): void {
  audit.info({ action, orderId, at: new Date().toISOString() }, action);
}
