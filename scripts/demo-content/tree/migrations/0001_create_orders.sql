CREATE TABLE orders (
  id          uuid        PRIMARY KEY,
  customer_id text        NOT NULL,
  currency    char(3)     NOT NULL,
  total_cents bigint      NOT NULL CHECK (total_cents >= 0),
  status      text        NOT NULL DEFAULT 'pending',
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE order_items (
  order_id         uuid    NOT NULL REFERENCES orders (id),
  sku              text    NOT NULL,
  quantity         integer NOT NULL CHECK (quantity > 0),
  unit_price_cents bigint  NOT NULL CHECK (unit_price_cents >= 0)
);

CREATE INDEX order_items_order_id_idx ON order_items (order_id);
