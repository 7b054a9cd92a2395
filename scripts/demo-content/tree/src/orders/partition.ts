import { createHash } from 'node:crypto';

/** orders and order_items are LIST-partitioned into this many shards (migrations/0004). */
export const PARTITION_COUNT = 16;

/** The partition of a customer's orders: 'p00' … 'p15'. Must stay in sync with the migration. */
export function partitionFor(customerId: string): string {
  const digest = createHash('sha1').update(customerId).digest();
  const shard = digest.readUInt16BE(0) % PARTITION_COUNT;
  return `p${shard.toString().padStart(2, '0')}`;
}
