-- orders passed 400M rows. Partition orders and order_items by a key the application
-- derives from customer_id (src/orders/partition.ts), so one customer's orders share a
-- partition. There is deliberately no DEFAULT partition: a row without a valid key is a bug
-- and must fail loudly instead of piling up somewhere nobody looks.
BEGIN;

ALTER TABLE order_items RENAME TO order_items_unpartitioned;
ALTER TABLE orders RENAME TO orders_unpartitioned;

CREATE TABLE orders (
  id            uuid        NOT NULL,
  partition_key text        NOT NULL,
  customer_id   text        NOT NULL,
  currency      char(3)     NOT NULL,
  total_cents   bigint      NOT NULL CHECK (total_cents >= 0),
  region        text        NOT NULL,
  source        text        NOT NULL,
  status        text        NOT NULL DEFAULT 'pending',
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (partition_key, id)
) PARTITION BY LIST (partition_key);

CREATE TABLE order_items (
  order_id         uuid    NOT NULL,
  partition_key    text    NOT NULL,
  sku              text    NOT NULL,
  quantity         integer NOT NULL CHECK (quantity > 0),
  unit_price_cents bigint  NOT NULL CHECK (unit_price_cents >= 0),
  FOREIGN KEY (partition_key, order_id) REFERENCES orders (partition_key, id)
) PARTITION BY LIST (partition_key);

DO $$
DECLARE
  shard text;
BEGIN
  FOR i IN 0..15 LOOP
    shard := 'p' || lpad(i::text, 2, '0');
    EXECUTE format('CREATE TABLE orders_%s PARTITION OF orders FOR VALUES IN (%L)', shard, shard);
    EXECUTE format('CREATE TABLE order_items_%s PARTITION OF order_items FOR VALUES IN (%L)', shard, shard);
  END LOOP;
END $$;

CREATE INDEX orders_customer_id_idx ON orders (customer_id);
CREATE INDEX order_items_order_id_idx ON order_items (partition_key, order_id);

COMMIT;
