import { afterEach, describe, expect, it, vi } from 'vitest';
import { authorisePayment } from '../../src/payments/client';

const request = { orderId: 'ord_1', amountCents: 1000, currency: 'EUR', token: 'tok_visa' };

describe('authorisePayment', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('maps an approval', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response(JSON.stringify({ id: 'pay_1', status: 'approved' }))));
    await expect(authorisePayment(request)).resolves.toMatchObject({ approved: true, providerRef: 'pay_1' });
  });

  it('passes an abort signal so a hung provider cannot hold the request', async () => {
    const fetchMock = vi.fn().mockResolvedValue(new Response(JSON.stringify({ id: 'pay_2', status: 'declined' })));
    vi.stubGlobal('fetch', fetchMock);
    await authorisePayment(request);
    expect(fetchMock.mock.calls[0][1].signal).toBeInstanceOf(AbortSignal);
  });
});
