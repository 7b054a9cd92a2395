import { describe, expect, it, vi } from 'vitest';
import { RetryableError, withRetry } from '../../src/payments/retry';

const fast = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

describe('withRetry', () => {
  it('returns the first success', async () => {
    const fn = vi.fn().mockRejectedValueOnce(new RetryableError('503')).mockResolvedValue('ok');
    await expect(withRetry(fn, fast)).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('gives up after the last attempt', async () => {
    const fn = vi.fn().mockRejectedValue(new RetryableError('503'));
    await expect(withRetry(fn, fast)).rejects.toThrow('503');
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('does not retry other errors', async () => {
    const fn = vi.fn().mockRejectedValue(new Error('card declined'));
    await expect(withRetry(fn, fast)).rejects.toThrow('card declined');
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
