import type { OrderInput } from './types';

export class ValidationError extends Error {
  override name = 'ValidationError';
}

const MAX_QUANTITY = 50;

export function validateOrder(input: OrderInput): void {
  if (input.items.length === 0) {
    throw new ValidationError('an order needs at least one item');
  }
  for (const item of input.items) {
    if (item.quantity > MAX_QUANTITY) {
      throw new ValidationError(`quantity of ${item.sku} exceeds ${MAX_QUANTITY}`);
    }
  }
}
