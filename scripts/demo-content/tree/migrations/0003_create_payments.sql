CREATE TABLE payments (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id      uuid        NOT NULL,
  provider_ref  text,
  amount_cents  bigint      NOT NULL,
  currency      char(3)     NOT NULL,
  status        text        NOT NULL,
  decline_reason text,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX payments_order_id_idx ON payments (order_id);
