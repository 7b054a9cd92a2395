-- The order history page lists a customer's latest orders; this replaces the plain
-- customer_id index for that query.
CREATE INDEX orders_customer_created_idx ON orders (customer_id, created_at DESC);
DROP INDEX IF EXISTS orders_customer_id_idx;
