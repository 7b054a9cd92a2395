export type Currency = 'EUR' | 'USD' | 'GBP';
export type OrderSource = 'web' | 'ios' | 'android' | 'api';

export interface LineItem {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

export interface OrderInput {
  customerId: string;
  currency: Currency;
  region: string;
  source?: OrderSource;
  items: LineItem[];
}

export interface Order {
  id: string;
  customerId: string;
  currency: Currency;
  region: string;
  source: OrderSource;
  items: LineItem[];
  totalCents: number;
  status: 'pending' | 'authorised' | 'failed';
  createdAt: Date;
  /** Routes the row to its partition of the orders table; set by createOrder before the insert. */
  partitionKey?: string;
}
