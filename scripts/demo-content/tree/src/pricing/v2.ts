import type { LineItem } from '../orders/types';

/**
 * Spike: tiered pricing for checkout v2. Volume discounts per line, applied before tax.
 * Not wired in; behind the checkout_v2_pricing flag once it is.
 */
const TIERS = [
  { minQuantity: 10, discountPercent: 10 },
  { minQuantity: 5, discountPercent: 5 },
];

export function priceLine(item: LineItem): number {
  const tier = TIERS.find((t) => item.quantity >= t.minQuantity);
  const gross = item.quantity * item.unitPriceCents;
  return tier ? Math.round((gross * (100 - tier.discountPercent)) / 100) : gross;
}
