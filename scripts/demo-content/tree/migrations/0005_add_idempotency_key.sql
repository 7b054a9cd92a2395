-- Clients retry POST /orders on timeouts; the Idempotency-Key header lets us recognise a
-- retry. Unique indexes on a partitioned table must include the partition key.
ALTER TABLE orders ADD COLUMN idempotency_key text;

CREATE UNIQUE INDEX orders_idempotency_key_idx
  ON orders (partition_key, customer_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
