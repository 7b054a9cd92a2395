import { describe, expect, it } from 'vitest';
import { PARTITION_COUNT, partitionFor } from '../../src/orders/partition';

describe('partitionFor', () => {
  it('is stable for a customer', () => {
    expect(partitionFor('cus_8f2k1')).toBe(partitionFor('cus_8f2k1'));
  });

  it('names one of the partitions created by the migration', () => {
    const names = new Set(Array.from({ length: PARTITION_COUNT }, (_, i) => `p${String(i).padStart(2, '0')}`));
    for (let i = 0; i < 1000; i++) {
      expect(names.has(partitionFor(`cus_${i}`))).toBe(true);
    }
  });
});
