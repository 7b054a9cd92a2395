// The story of the demo repository, oldest first. Times are hours before "now".
//
// Step kinds:
//   { at, by, branch, msg, body?, add?, edit?, append?, version? }  a commit
//     add:     paths copied from tree/ (the version of a file when it first appears)
//     edit:    { path: [[from, to], ...] }; each `from` must occur exactly once
//     append:  { path: text }
//     version: a folder of versions/ whose files overwrite the repository's
//   { at, branchFrom: 'main', name }                 create a branch at main's tip
//   { at, by, merge: branch, pr, title, keep? }      GitHub-style --no-ff merge into main
//   { at, deploy: true }                             annotated deploy-YYYYMMDD-HHMM tag on main
//   { at, by, release: 'v1.4.0' }                    annotated release tag on main
//
// The incident: PR #226 "Refactor order metadata builder" (about 48 minutes ago, deployed
// about 30 minutes ago) builds the order meta before the partition key is set, so every
// insert into the partitioned orders table gets partition_key = NULL.

export const AUTHORS = {
  maren: { name: 'Maren Okafor', email: 'maren.okafor@example.com', tz: '+0100' },
  tomasz: { name: 'Tomasz Wierzba', email: 'tomasz.wierzba@example.com', tz: '+0100' },
  aiko: { name: 'Aiko Tanabe', email: 'aiko.tanabe@example.com', tz: '+0000' },
  rafael: { name: 'Rafael Duarte', email: 'rafael.duarte@example.com', tz: '-0300' },
  noor: { name: 'Noor Haddad', email: 'noor.haddad@example.com', tz: '+0200' },
  gus: { name: 'Gus Whitfield', email: 'gus.whitfield@example.com', tz: '-0500' },
  lena: { name: 'Lena Brandt', email: 'lena.brandt@example.com', tz: '+0100' },
  depsbot: { name: 'deps-bot', email: 'deps-bot@example.com', tz: '+0000' },
  deploybot: { name: 'deploy-bot', email: 'deploy-bot@example.com', tz: '+0000' },
};

const flag = (name, from, to) => [`  ${name}:\n    enabled: ${from[0]}\n    rollout_percent: ${from[1]}\n`,
  `  ${name}:\n    enabled: ${to[0]}\n    rollout_percent: ${to[1]}\n`];
const version = (from, to) => ({ 'package.json': [[`"version": "${from}"`, `"version": "${to}"`]] });

export const HISTORY = [
  // ---- Day 1 ----
  { at: 120.0, by: 'maren', branch: 'main', msg: 'Import checkout-service from the platform monorepo',
    body: 'Moves services/checkout out of the monorepo with its config, migrations and k8s\nmanifests. Earlier history stays in the monorepo.',
    add: 'IMPORT' },
  { at: 119.5, by: 'maren', branch: 'main', msg: 'Add CI and deploy workflows',
    add: ['dot-github/workflows/ci.yml', 'dot-github/workflows/deploy.yml'] },

  { at: 118.8, branchFrom: 'main', name: 'feat/readiness-probe' },
  { at: 118.6, by: 'tomasz', branch: 'feat/readiness-probe', msg: 'Check the database in the readiness probe',
    edit: { 'src/api/health.ts': [
      ['export function healthRouter(_pool: Pool): Router {', 'export function healthRouter(pool: Pool): Router {'],
      ["    res.json({ status: 'ok' });\n  });\n\n  return router;",
        "    res.json({ status: 'ok' });\n  });\n\n" +
        '  // Ready only when the database answers: a pod that cannot write orders should get no traffic.\n' +
        "  router.get('/health/ready', async (_req, res) => {\n    try {\n      await pool.query('SELECT 1');\n" +
        "      res.json({ status: 'ready' });\n    } catch {\n      res.status(503).json({ status: 'database unavailable' });\n" +
        '    }\n  });\n\n  return router;'],
    ] } },
  { at: 118.1, by: 'tomasz', branch: 'feat/readiness-probe', msg: 'Point the readiness probe at /health/ready',
    edit: {
      'k8s/deployment.yaml': [['readinessProbe:\n            httpGet:\n              path: /health/live',
        'readinessProbe:\n            httpGet:\n              path: /health/ready']],
      'README.md': [['Health checks: `/health/live`.',
        'Health checks: `/health/live` (process up) and `/health/ready` (database reachable).']],
    } },
  { at: 117.3, by: 'maren', merge: 'feat/readiness-probe', pr: 212, title: 'Readiness probe that checks the database' },
  { at: 116.5, deploy: true },

  { at: 114.0, by: 'aiko', branch: 'main', msg: 'Log the request id on every request',
    body: 'Takes x-request-id from the ingress when present so our logs line up with the edge logs.',
    add: ['src/api/requestId.ts'],
    edit: {
      'src/app.ts': [
        ["import { ordersRouter } from './api/orders';\n", "import { ordersRouter } from './api/orders';\nimport { requestId } from './api/requestId';\n"],
        ["  app.disable('x-powered-by');\n", "  app.disable('x-powered-by');\n  app.use(requestId);\n"],
      ],
      'src/api/orders.ts': [["      logger.info({ orderId: order.id, status: order.status }, 'checkout finished');",
        "      (res.locals.log ?? logger).info({ orderId: order.id, status: order.status }, 'checkout finished');"]],
      'src/api/errors.ts': [["  logger.error({ err, method: req.method, path: req.path }, 'unhandled error');",
        "  (res.locals.log ?? logger).error({ err, method: req.method, path: req.path }, 'unhandled error');"]],
    } },

  { at: 112.5, branchFrom: 'main', name: 'fix/payment-timeout' },
  { at: 112.2, by: 'rafael', branch: 'fix/payment-timeout', msg: 'Time out payment provider calls after 3 s',
    body: 'A hung provider held requests until the 8 s server timeout and starved the database pool.',
    edit: {
      'src/payments/client.ts': [["token: req.token }),\n", 'token: req.token }),\n    signal: AbortSignal.timeout(config.payments.timeoutMs),\n']],
      'src/config.ts': [['payments: { baseUrl: string };', 'payments: { baseUrl: string; timeoutMs: number };']],
      'config/default.yml': [['  baseUrl: http://localhost:9090\n', '  baseUrl: http://localhost:9090\n  timeoutMs: 3000\n']],
      'config/production.yml': [['  baseUrl: https://payments.internal.example.com\n', '  baseUrl: https://payments.internal.example.com\n  timeoutMs: 3000\n']],
    } },
  { at: 111.6, by: 'rafael', branch: 'fix/payment-timeout', msg: 'Test the payment client timeout', add: ['test/payments/client.test.ts'] },
  { at: 110.2, by: 'noor', merge: 'fix/payment-timeout', pr: 213, title: 'Time out payment provider calls' },

  { at: 106.5, branchFrom: 'main', name: 'feat/payment-retries' },
  { at: 106.0, by: 'gus', branch: 'main', msg: 'Document the local database in the README',
    edit: { 'README.md': [['## Running locally\n\n```sh\nnpm ci',
      '## Running locally\n\nStart a database first:\n\n```sh\ndocker run -d --name orders-db -p 5432:5432 -e POSTGRES_USER=checkout \\\n' +
      '  -e POSTGRES_PASSWORD=checkout -e POSTGRES_DB=orders postgres:15\nexport DATABASE_PASSWORD=checkout\n```\n\nThen:\n\n```sh\nnpm ci']] } },
  { at: 105.0, deploy: true },

  // ---- Day 2 ----
  { at: 100.4, by: 'noor', branch: 'feat/payment-retries', msg: 'Retry payment authorisation on 5xx and 429',
    body: 'Behind the payment_retries flag. The provider dedupes on idempotency-key, so a retried\nauthorisation cannot charge twice.',
    add: ['src/payments/retry.ts'],
    edit: { 'src/payments/client.ts': [
      ["import { logger } from '../logger';\n",
        "import { isEnabled } from '../flags';\nimport { logger } from '../logger';\nimport { RetryableError, withRetry } from './retry';\n"],
      ['const config = loadConfig();\n\nexport async function authorisePayment(req: PaymentRequest): Promise<PaymentResult> {\n',
        'const config = loadConfig();\nconst RETRY = { attempts: 3, baseDelayMs: 200, maxDelayMs: 2000 };\n\n' +
        'export async function authorisePayment(req: PaymentRequest): Promise<PaymentResult> {\n' +
        "  if (isEnabled('payment_retries', req.orderId)) {\n    return withRetry(() => requestAuthorisation(req), RETRY);\n  }\n" +
        '  return requestAuthorisation(req);\n}\n\nasync function requestAuthorisation(req: PaymentRequest): Promise<PaymentResult> {\n'],
      ['    throw new Error(`payment provider responded ${res.status}`);\n',
        '    const message = `payment provider responded ${res.status}`;\n' +
        '    throw res.status >= 500 || res.status === 429 ? new RetryableError(message) : new Error(message);\n'],
    ] } },
  { at: 99.5, by: 'noor', branch: 'feat/payment-retries', msg: 'Test payment retries', add: ['test/payments/retry.test.ts'] },
  { at: 98.6, by: 'noor', branch: 'feat/payment-retries', msg: 'Honour Retry-After from the payment provider',
    edit: {
      'src/payments/retry.ts': [
        ["  override name = 'RetryableError';\n}",
          "  override name = 'RetryableError';\n\n  constructor(message: string, readonly retryAfterMs?: number) {\n    super(message);\n  }\n}"],
        ['await sleep(backoffDelay(attempt, opts));', 'await sleep(err.retryAfterMs ?? backoffDelay(attempt, opts));'],
      ],
      'src/payments/client.ts': [
        ['    throw res.status >= 500 || res.status === 429 ? new RetryableError(message) : new Error(message);\n',
          "    if (res.status >= 500 || res.status === 429) {\n      throw new RetryableError(message, retryAfterMs(res.headers.get('retry-after')));\n" +
          '    }\n    throw new Error(message);\n'],
      ],
    },
    append: { 'src/payments/client.ts': '\nfunction retryAfterMs(header: string | null): number | undefined {\n' +
      '  const seconds = Number(header);\n  return header && Number.isFinite(seconds) ? Math.min(seconds * 1000, 5000) : undefined;\n}\n' } },
  { at: 97.2, by: 'maren', merge: 'feat/payment-retries', pr: 214, title: 'Retry payment authorisation on 5xx and 429' },
  { at: 96.6, by: 'maren', branch: 'main', msg: 'Enable payment retries for 10% of orders',
    edit: { 'config/flags.yml': [flag('payment_retries', [false, 0], [true, 10])] } },
  { at: 96.3, by: 'maren', branch: 'main', msg: 'Release 1.4.0', edit: version('1.3.2', '1.4.0') },
  { at: 96.0, deploy: true },
  { at: 95.9, by: 'maren', release: 'v1.4.0' },

  { at: 92.0, by: 'lena', branch: 'main', msg: 'Return the order source and item count from POST /orders (#215)',
    body: '* Return source and item count from POST /orders\n\n* Keep totalCents in the response for older iOS clients',
    edit: { 'src/api/orders.ts': [['      res.status(201).json({ id: order.id, status: order.status, totalCents: order.totalCents });',
      '      res.status(201).json({\n        id: order.id,\n        status: order.status,\n        totalCents: order.totalCents,\n' +
      '        source: order.source,\n        itemCount: order.items.length,\n      });']] } },

  { at: 89.0, branchFrom: 'main', name: 'deps/pg-8.11.3' },
  { at: 88.8, by: 'depsbot', branch: 'deps/pg-8.11.3', msg: 'Bump pg from 8.11.1 to 8.11.3',
    body: 'Bumps pg from 8.11.1 to 8.11.3.\n\n- pg-connection-string 2.6.2: accept sslmode=no-verify\n- fix a client leak when a query is cancelled by statement_timeout',
    edit: { 'package.json': [['"pg": "^8.11.1"', '"pg": "^8.11.3"']] } },
  { at: 86.1, by: 'tomasz', merge: 'deps/pg-8.11.3', pr: 216, title: 'Bump pg from 8.11.1 to 8.11.3' },
  { at: 84.4, deploy: true },

  { at: 80.2, by: 'aiko', branch: 'main', msg: 'Measure order creation latency',
    edit: {
      'src/metrics/orders.ts': [['export function recordOrderCreated(meta: OrderMeta): void {',
        "const createDuration = new Histogram({\n  name: 'checkout_order_create_duration_seconds',\n" +
        "  help: 'Time to validate and insert an order, before payment',\n  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],\n" +
        '  registers: [registry],\n});\n\nexport function startCreateTimer(): () => void {\n  const end = createDuration.startTimer();\n' +
        '  return () => {\n    end();\n  };\n}\n\nexport function recordOrderCreated(meta: OrderMeta): void {']],
      'src/api/orders.ts': [
        ["import { logger } from '../logger';\n", "import { logger } from '../logger';\nimport { startCreateTimer } from '../metrics/orders';\n"],
        ['      const order = await createOrder(pool, input);\n',
          '      const stopTimer = startCreateTimer();\n      const order = await createOrder(pool, input);\n      stopTimer();\n'],
      ],
    } },

  { at: 78.5, branchFrom: 'main', name: 'feat/idempotency-keys' },
  { at: 78.2, by: 'gus', branch: 'feat/idempotency-keys', msg: 'Add an idempotency key column to orders',
    add: ['migrations/0005_add_idempotency_key.sql'] },
  { at: 77.4, by: 'gus', branch: 'feat/idempotency-keys', msg: 'Store the Idempotency-Key header with the order',
    edit: {
      'src/orders/types.ts': [['  createdAt: Date;\n', '  createdAt: Date;\n  idempotencyKey?: string;\n']],
      'src/orders/createOrder.ts': [
        ['createOrder(pool: Pool, input: OrderInput): Promise<Order> {', 'createOrder(pool: Pool, input: OrderInput, idempotencyKey?: string): Promise<Order> {'],
        ['    createdAt: new Date(),\n  };', '    createdAt: new Date(),\n    idempotencyKey,\n  };'],
      ],
      'src/db/orders.ts': [
        ['source, status, created_at)\n  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;',
          'source, status, created_at, idempotency_key)\n  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;'],
        ['      order.createdAt,\n    ]);', '      order.createdAt,\n      order.idempotencyKey ?? null,\n    ]);'],
      ],
      'src/api/orders.ts': [['      const order = await createOrder(pool, input);',
        "      const order = await createOrder(pool, input, req.header('idempotency-key'));"]],
    } },
  { at: 76.6, by: 'gus', branch: 'feat/idempotency-keys', msg: 'Test that the idempotency key reaches the insert',
    add: ['test/orders/idempotency.test.ts'] },
  { at: 74.8, by: 'maren', merge: 'feat/idempotency-keys', pr: 217, title: 'Idempotency keys for POST /orders' },
  { at: 72.6, deploy: true },

  // ---- Day 3 ----
  { at: 70.1, by: 'maren', branch: 'main', msg: 'Ramp payment retries to 50%',
    body: 'Retry rate stayed under 0.4% at 10% and no duplicate charges were reported.',
    edit: { 'config/flags.yml': [flag('payment_retries', [true, 10], [true, 50])] } },
  { at: 66.3, by: 'rafael', branch: 'main', msg: 'Send a User-Agent to the payment provider',
    edit: { 'src/payments/client.ts': [["    headers: { 'content-type': 'application/json', 'idempotency-key': req.orderId },\n",
      "    headers: {\n      'content-type': 'application/json',\n      'idempotency-key': req.orderId,\n      'user-agent': 'checkout-service',\n    },\n"]] } },

  { at: 65.6, branchFrom: 'main', name: 'ci/node-20' },
  { at: 65.3, by: 'tomasz', branch: 'ci/node-20', msg: 'Build and test on Node 20',
    edit: {
      'dot-github/workflows/ci.yml': [['          node-version: 18\n', '          node-version: 20\n          cache: npm\n']],
      'Dockerfile': [['FROM node:18-alpine AS build', 'FROM node:20-alpine AS build'], ['FROM node:18-alpine\n', 'FROM node:20-alpine\n']],
      'package.json': [['"node": ">=18"', '"node": ">=20"']],
    } },
  { at: 64.1, by: 'aiko', merge: 'ci/node-20', pr: 218, title: 'Move to Node 20' },
  { at: 61.0, deploy: true },

  { at: 59.0, branchFrom: 'main', name: 'k8s/memory-limit' },
  { at: 58.2, by: 'noor', branch: 'main', msg: 'Return the existing order when an Idempotency-Key is reused (#219)',
    body: '* Look up the order on a unique violation of the idempotency index\n\n* Answer 200 with replayed: true instead of a 500',
    edit: { 'src/api/orders.ts': [
      ["import { updateOrderStatus } from '../db/orders';", "import { findByIdempotencyKey, updateOrderStatus } from '../db/orders';"],
      ['const orderSchema = z.object({', "const UNIQUE_VIOLATION = '23505';\n\nconst orderSchema = z.object({"],
      ['    } catch (err) {\n      next(err);',
        "    } catch (err) {\n      const key = req.header('idempotency-key');\n" +
        "      if (key && (err as { code?: string }).code === UNIQUE_VIOLATION) {\n" +
        '        const existing = await findByIdempotencyKey(pool, parsed.data.customerId, key).catch(() => undefined);\n' +
        '        if (existing) {\n          res.status(200).json({\n            id: existing.id,\n            status: existing.status,\n' +
        '            totalCents: Number(existing.total_cents),\n            replayed: true,\n          });\n          return;\n        }\n      }\n      next(err);'],
    ] },
    append: { 'src/db/orders.ts': '\nexport async function findByIdempotencyKey(\n  pool: Pool,\n  customerId: string,\n  key: string,\n' +
      "): Promise<{ id: string; status: Order['status']; total_cents: string } | undefined> {\n  const { rows } = await pool.query(\n" +
      "    'SELECT id, status, total_cents FROM orders WHERE customer_id = $1 AND idempotency_key = $2 LIMIT 1',\n" +
      '    [customerId, key],\n  );\n  return rows[0];\n}\n' } },

  { at: 54.2, by: 'lena', branch: 'k8s/memory-limit', msg: 'Raise the memory limit to 768Mi',
    body: 'Two pods were OOM-killed at the evening peak; the heap sits around 450Mi under load\nsince the Node 20 move.',
    edit: { 'k8s/deployment.yaml': [['              memory: 384Mi\n            limits:\n              memory: 512Mi',
      '              memory: 512Mi\n            limits:\n              memory: 768Mi']] } },
  { at: 53.2, by: 'maren', merge: 'k8s/memory-limit', pr: 220, title: 'Raise checkout-service memory limit' },
  { at: 52.4, by: 'aiko', branch: 'main', msg: 'Count idempotent replays',
    edit: {
      'src/api/orders.ts': [
        ["import { startCreateTimer } from '../metrics/orders';", "import { recordReplay, startCreateTimer } from '../metrics/orders';"],
        ['        if (existing) {\n', '        if (existing) {\n          recordReplay();\n'],
      ],
    },
    append: { 'src/metrics/orders.ts': "\nconst replays = new Counter({\n  name: 'checkout_order_replays_total',\n" +
      "  help: 'POST /orders answered from an earlier order with the same Idempotency-Key',\n  registers: [registry],\n});\n\n" +
      'export function recordReplay(): void {\n  replays.inc();\n}\n' } },
  { at: 49.1, deploy: true },

  // ---- Day 4 ----
  { at: 46.5, branchFrom: 'main', name: 'feat/order-validation' },
  { at: 46.2, by: 'rafael', branch: 'feat/order-validation', msg: 'Reject currencies a region does not sell in',
    edit: { 'src/orders/validate.ts': [
      ['const MAX_QUANTITY = 50;\n', "const MAX_QUANTITY = 50;\n\nconst CURRENCIES_BY_REGION: Record<string, readonly string[]> = {\n" +
        "  'eu-west-1': ['EUR', 'GBP'],\n  'us-east-1': ['USD'],\n};\n"],
      ["    throw new ValidationError('an order needs at least one item');\n  }\n",
        "    throw new ValidationError('an order needs at least one item');\n  }\n  const currencies = CURRENCIES_BY_REGION[input.region];\n" +
        '  if (currencies && !currencies.includes(input.currency)) {\n' +
        '    throw new ValidationError(`${input.currency} is not sold in ${input.region}`);\n  }\n'],
    ] } },
  { at: 45.6, by: 'rafael', branch: 'feat/order-validation', msg: 'Cap orders at 100 line items',
    edit: {
      'src/orders/validate.ts': [
        ['const MAX_QUANTITY = 50;\n', 'const MAX_QUANTITY = 50;\nconst MAX_ITEMS = 100;\n'],
        ["    throw new ValidationError('an order needs at least one item');\n  }\n",
          "    throw new ValidationError('an order needs at least one item');\n  }\n  if (input.items.length > MAX_ITEMS) {\n" +
          '    throw new ValidationError(`an order can have at most ${MAX_ITEMS} items`);\n  }\n'],
      ],
      'test/orders/validate.test.ts': [["  it('rejects silly quantities', () => {",
        "  it('rejects huge carts', () => {\n    const items = Array.from({ length: 101 }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1, unitPriceCents: 100 }));\n" +
        '    expect(() => validateOrder({ ...base, items })).toThrow(/at most 100/);\n  });\n\n' +
        "  it('rejects silly quantities', () => {"]],
    } },
  { at: 44.2, by: 'noor', merge: 'feat/order-validation', pr: 221, title: 'Stricter order validation' },
  { at: 42.1, by: 'gus', branch: 'main', msg: 'Close idle database connections after 10 s',
    body: 'The pooler in front of the primary drops idle server connections after 15 s; we kept\nhanding out dead clients after quiet periods.',
    edit: { 'config/production.yml': [['  idleTimeoutMs: 30000\n', '  idleTimeoutMs: 10000\n']] } },
  { at: 37.2, deploy: true },

  { at: 34.0, branchFrom: 'main', name: 'feat/audit-log' },
  { at: 33.4, by: 'maren', branch: 'main', msg: 'Enable payment retries for all orders',
    edit: { 'config/flags.yml': [flag('payment_retries', [true, 50], [true, 100])] } },

  { at: 31.2, by: 'noor', branch: 'feat/audit-log', msg: 'Emit an audit event when an order is created',
    add: ['src/orders/audit.ts'],
    edit: { 'src/orders/createOrder.ts': [
      ["import { insertOrder } from '../db/orders';\n", "import { insertOrder } from '../db/orders';\nimport { isEnabled } from '../flags';\n"],
      ["import { buildMeta } from './meta';\n", "import { emitAuditEvent } from './audit';\nimport { buildMeta } from './meta';\n"],
      ['  recordOrderCreated(meta);\n', "  recordOrderCreated(meta);\n  if (isEnabled('order_audit_log', order.customerId)) {\n" +
        "    emitAuditEvent('order.created', order.id);\n  }\n"],
    ] } },
  { at: 30.3, by: 'noor', branch: 'feat/audit-log', msg: 'Include the order meta in audit events',
    edit: {
      'src/orders/audit.ts': [
        ["import { logger } from '../logger';\n", "import { logger } from '../logger';\nimport type { OrderMeta } from './meta';\n"],
        ['emitAuditEvent(action: AuditAction, orderId: string): void {', 'emitAuditEvent(action: AuditAction, meta: OrderMeta): void {'],
        ['audit.info({ action, orderId, at:', 'audit.info({ action, ...meta, at:'],
      ],
      'src/orders/createOrder.ts': [["emitAuditEvent('order.created', order.id);", "emitAuditEvent('order.created', meta);"]],
    } },
  { at: 28.6, by: 'lena', merge: 'feat/audit-log', pr: 222, title: 'Audit events for order creation' },
  { at: 27.3, by: 'tomasz', branch: 'main', msg: 'Make the retry tests independent of jitter',
    body: 'Random backoff made the suite time out now and then on busy CI runners.',
    edit: { 'test/payments/retry.test.ts': [['const fast = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 };',
      'const fast = { attempts: 3, baseDelayMs: 0, maxDelayMs: 0 };']] } },
  { at: 26.2, by: 'maren', branch: 'main', msg: 'Turn on the order audit log',
    edit: { 'config/flags.yml': [['  order_audit_log:\n    enabled: false\n', '  order_audit_log:\n    enabled: true\n']] } },
  { at: 25.4, by: 'maren', branch: 'main', msg: 'Release 1.5.0', edit: version('1.4.0', '1.5.0') },
  { at: 25.0, deploy: true },
  { at: 24.9, by: 'maren', release: 'v1.5.0' },

  // ---- Day 5 ----
  { at: 22.1, by: 'aiko', branch: 'main', msg: 'Count order failures by Postgres error code (#223)',
    body: '* Add checkout_order_failures_total{code}\n\n* Label errors without a code as "none"\n\n' +
      'Lets the dashboard tell a constraint violation (23xxx) from a statement timeout (57014).',
    edit: { 'src/api/orders.ts': [
      ["import { recordReplay, startCreateTimer } from '../metrics/orders';",
        "import { recordCreateFailure, recordReplay, startCreateTimer } from '../metrics/orders';"],
      ['      }\n      next(err);', "      }\n      recordCreateFailure((err as { code?: string }).code ?? 'none');\n      next(err);"],
    ] },
    append: { 'src/metrics/orders.ts': "\nconst failures = new Counter({\n  name: 'checkout_order_failures_total',\n" +
      "  help: 'POST /orders failures by Postgres error code',\n  labelNames: ['code'] as const,\n  registers: [registry],\n});\n\n" +
      'export function recordCreateFailure(code: string): void {\n  failures.inc({ code });\n}\n' } },

  { at: 20.4, branchFrom: 'main', name: 'feat/checkout-v2-flag' },
  { at: 20.2, by: 'lena', branch: 'feat/checkout-v2-flag', msg: 'Add the checkout_v2_pricing flag, off',
    append: { 'config/flags.yml': '\n  checkout_v2_pricing:\n    enabled: false\n    rollout_percent: 0\n    owner: checkout\n' } },
  { at: 19.1, by: 'maren', merge: 'feat/checkout-v2-flag', pr: 224, title: 'Flag for checkout v2 pricing' },
  { at: 18.9, branchFrom: 'main', name: 'spike/checkout-v2-pricing' },
  { at: 18.0, by: 'rafael', branch: 'main', msg: 'Log payment provider latency',
    edit: { 'src/payments/client.ts': [
      ['async function requestAuthorisation(req: PaymentRequest): Promise<PaymentResult> {\n',
        'async function requestAuthorisation(req: PaymentRequest): Promise<PaymentResult> {\n  const started = performance.now();\n'],
      ['    signal: AbortSignal.timeout(config.payments.timeoutMs),\n  });\n',
        '    signal: AbortSignal.timeout(config.payments.timeoutMs),\n  });\n' +
        "  logger.debug({ orderId: req.orderId, status: res.status, ms: Math.round(performance.now() - started) }, 'payment provider answered');\n"],
    ] } },
  { at: 17.2, by: 'lena', branch: 'spike/checkout-v2-pricing', msg: 'Spike: tiered volume discounts for checkout v2',
    add: ['src/pricing/v2.ts'] },
  { at: 16.5, branchFrom: 'main', name: 'feat/order-export' },
  { at: 16.2, by: 'lena', branch: 'feat/order-export', msg: "Add a CSV export of a day's orders for finance",
    add: ['src/api/export.ts'] },
  { at: 15.1, by: 'lena', branch: 'feat/order-export', msg: 'Mount the export router',
    edit: { 'src/app.ts': [
      ["import { errorHandler } from './api/errors';\n", "import { errorHandler } from './api/errors';\nimport { exportRouter } from './api/export';\n"],
      ['  app.use(ordersRouter(pool));\n', '  app.use(ordersRouter(pool));\n  app.use(exportRouter(pool));\n'],
    ] } },
  { at: 13.1, deploy: true },

  { at: 11.4, branchFrom: 'main', name: 'ci/split-jobs' },
  { at: 11.2, by: 'gus', branch: 'ci/split-jobs', msg: 'Split CI into lint and test jobs',
    body: 'Lint and typecheck no longer wait for the Postgres service container.', version: 'ci-split-jobs' },
  { at: 10.6, by: 'noor', branch: 'main', msg: "Add an index for a customer's latest orders",
    add: ['migrations/0006_orders_customer_created_idx.sql'] },
  { at: 10.1, by: 'tomasz', merge: 'ci/split-jobs', pr: 225, title: 'Run lint and tests as separate CI jobs' },
  { at: 7.0, branchFrom: 'main', name: 'refactor/order-meta' },
  { at: 6.3, by: 'tomasz', branch: 'main', msg: 'Let the readiness probe fail three times before pulling a pod',
    body: 'Single slow SELECT 1 answers during vacuum were flapping pods out of the service.',
    edit: { 'k8s/deployment.yaml': [['            periodSeconds: 5\n            failureThreshold: 2\n',
      '            periodSeconds: 5\n            failureThreshold: 3\n']] } },
  { at: 5.0, deploy: true },

  // ---- The incident ----
  { at: 3.2, by: 'noor', branch: 'refactor/order-meta', msg: 'Refactor order metadata builder',
    body: 'Moves order construction next to the meta builder and renames buildMeta to\nbuildOrderMeta now that the audit log uses it too. No behaviour change intended.',
    version: 'refactor-order-meta' },
  { at: 2.3, by: 'noor', branch: 'refactor/order-meta', msg: 'Update meta tests for buildOrderMeta',
    edit: { 'test/orders/meta.test.ts': [
      ["import { buildMeta } from '../../src/orders/meta';", "import { buildOrderMeta, newOrder } from '../../src/orders/meta';"],
      ['buildMeta', 'buildOrderMeta', 'all'],
    ] },
    append: { 'test/orders/meta.test.ts': "\ndescribe('newOrder', () => {\n  it('starts pending with the items totalled', () => {\n" +
      "    const created = newOrder({ customerId: 'cus_1', currency: 'EUR', region: 'eu-west-1', items: order.items });\n" +
      "    expect(created.status).toBe('pending');\n    expect(created.totalCents).toBe(3399);\n  });\n});\n" } },
  { at: 0.8, by: 'tomasz', merge: 'refactor/order-meta', pr: 226, title: 'Refactor order metadata builder', keep: true },
  { at: 0.7, by: 'gus', branch: 'main', msg: 'Fix typo in README', edit: { 'README.md': [['recieve', 'receive']] } },
  { at: 0.5, deploy: true },
  { at: 0.2, by: 'rafael', branch: 'main', msg: 'Test that retry jitter stays under the backoff ceiling',
    edit: { 'test/payments/retry.test.ts': [["import { RetryableError, withRetry } from '../../src/payments/retry';",
      "import { backoffDelay, RetryableError, withRetry } from '../../src/payments/retry';"]] },
    append: { 'test/payments/retry.test.ts': "\ndescribe('backoffDelay', () => {\n  it('stays between half and all of the ceiling', () => {\n" +
      '    const opts = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };\n    for (let attempt = 1; attempt <= 5; attempt++) {\n' +
      '      const ceiling = Math.min(1000, 100 * 2 ** (attempt - 1));\n      const delay = backoffDelay(attempt, opts);\n' +
      '      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);\n      expect(delay).toBeLessThanOrEqual(ceiling);\n    }\n  });\n});\n' } },
];

// Branches that look pushed: refs/remotes/origin/<name> at the local tip, with upstream config.
export const PUSHED_BRANCHES = ['main', 'feat/order-export'];
