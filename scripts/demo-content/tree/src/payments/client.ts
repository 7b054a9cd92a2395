import { loadConfig } from '../config';
import { logger } from '../logger';

export interface PaymentRequest {
  orderId: string;
  amountCents: number;
  currency: string;
  token: string;
}

export interface PaymentResult {
  approved: boolean;
  providerRef?: string;
  declineReason?: string;
}

interface ProviderResponse {
  id: string;
  status: 'approved' | 'declined';
  decline_reason?: string;
}

const config = loadConfig();

export async function authorisePayment(req: PaymentRequest): Promise<PaymentResult> {
  const res = await fetch(`${config.payments.baseUrl}/v1/authorisations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': req.orderId },
    body: JSON.stringify({ amount: req.amountCents, currency: req.currency, token: req.token }),
  });
  if (!res.ok) {
    logger.warn({ orderId: req.orderId, status: res.status }, 'payment provider error');
    throw new Error(`payment provider responded ${res.status}`);
  }
  const body = (await res.json()) as ProviderResponse;
  return { approved: body.status === 'approved', providerRef: body.id, declineReason: body.decline_reason };
}
