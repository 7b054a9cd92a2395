ALTER TABLE orders
  ADD COLUMN region text NOT NULL DEFAULT 'eu-west-1',
  ADD COLUMN source text NOT NULL DEFAULT 'web';
