/** The fixed vocabulary of the demo data set: what its teams build, ship and argue about. */

export interface WorkflowTemplate {
  readonly key: string;
  readonly name: string;
  readonly objective: string;
  readonly labels: readonly string[];
  /** The service its tasks ship in (deployments carry them). */
  readonly service: string;
  /** What its tasks declare they touch; completions outside them are scope mismatches. */
  readonly areas: readonly string[];
  /** Files inside those areas, changed by its tasks. */
  readonly files: readonly string[];
  readonly taskTopics: readonly string[];
}

export const REPOSITORY = { url: 'https://git.example.com/acme/shop', defaultBranch: 'main' } as const;

export const PHASES = ['Discovery', 'Design', 'Implementation', 'Rollout'] as const;

export const SERVICES = ['checkout-api', 'payments-worker', 'web-frontend', 'search-indexer'] as const;

/** With --scale, each round of workflows ships its own copies of the services. */
export const serviceOf = (service: string, round: number): string =>
  round === 0 ? service : `${service}-${round + 1}`;

export const WORKFLOW_TEMPLATES: readonly WorkflowTemplate[] = [
  {
    key: 'pay',
    name: 'Move card payments to PaymentIntents',
    objective: 'Support 3-D Secure everywhere and retire the legacy charges API',
    labels: ['payments', 'compliance'],
    service: 'checkout-api',
    areas: ['src/payments/**', 'test/payments/**'],
    files: [
      'src/payments/intents.ts',
      'src/payments/webhooks.ts',
      'src/payments/refunds.ts',
      'src/payments/three-d-secure.ts',
      'src/payments/legacy-charges.ts',
      'test/payments/intents.spec.ts',
      'test/payments/webhooks.spec.ts',
    ],
    taskTopics: [
      'payment intent flow',
      'webhook signature check',
      'refund path',
      '3-D Secure challenge',
      'legacy charge removal',
      'idempotent capture',
    ],
  },
  {
    key: 'search',
    name: 'Search relevance v2',
    objective: 'Raise click-through on the first result page by 10%',
    labels: ['search', 'quality'],
    service: 'search-indexer',
    areas: ['src/search/**', 'test/search/**'],
    files: [
      'src/search/ranking.ts',
      'src/search/synonyms.ts',
      'src/search/indexer.ts',
      'src/search/typo-tolerance.ts',
      'test/search/ranking.spec.ts',
    ],
    taskTopics: [
      'ranking signals',
      'synonym dictionary',
      'incremental indexing',
      'typo tolerance',
      'facet counts',
      'query logging',
    ],
  },
  {
    key: 'web',
    name: 'Checkout redesign',
    objective: 'One-page checkout with address autocomplete',
    labels: ['frontend', 'conversion'],
    service: 'web-frontend',
    areas: ['web/src/checkout/**', 'web/src/components/**'],
    files: [
      'web/src/checkout/page.tsx',
      'web/src/checkout/address-form.tsx',
      'web/src/checkout/summary.tsx',
      'web/src/components/button.tsx',
      'web/src/components/stepper.tsx',
    ],
    taskTopics: [
      'address autocomplete',
      'order summary',
      'payment step',
      'error states',
      'accessibility pass',
      'mobile layout',
    ],
  },
  {
    key: 'worker',
    name: 'Harden the payments worker',
    objective: 'No lost or doubled payout after a crash or a broker outage',
    labels: ['reliability', 'payments'],
    service: 'payments-worker',
    areas: ['worker/**'],
    files: ['worker/consumer.ts', 'worker/retry-policy.ts', 'worker/outbox.ts', 'worker/dead-letter.ts'],
    taskTopics: [
      'outbox table',
      'retry with backoff',
      'dead-letter queue',
      'poison message handling',
      'graceful shutdown',
    ],
  },
  {
    key: 'obs',
    name: 'Tracing across services',
    objective: 'Every request traceable from the browser to the database',
    labels: ['observability'],
    service: 'checkout-api',
    areas: ['src/telemetry/**', 'deploy/**'],
    files: [
      'src/telemetry/tracer.ts',
      'src/telemetry/propagation.ts',
      'src/telemetry/sampling.ts',
      'deploy/otel-collector.yaml',
    ],
    taskTopics: [
      'trace propagation',
      'sampling rules',
      'collector deployment',
      'span attributes',
      'dashboards',
    ],
  },
  {
    key: 'node',
    name: 'Upgrade to Node 22',
    objective: 'Every service on the current LTS before the old one reaches end of life',
    labels: ['maintenance'],
    service: 'web-frontend',
    areas: ['package.json', 'package-lock.json', '.nvmrc', 'Dockerfile'],
    files: ['package.json', 'package-lock.json', '.nvmrc', 'deploy/Dockerfile'],
    taskTopics: [
      'dependency audit',
      'native module rebuild',
      'test runner upgrade',
      'base image bump',
      'deprecation fixes',
    ],
  },
];

/** Changed files outside every declared area: what a scope mismatch shows. */
export const STRAY_FILES = [
  'infra/terraform/main.tf',
  'src/config/feature-flags.ts',
  'scripts/seed.sql',
  'README.md',
];

export const TASK_VERBS = ['Implement', 'Spike', 'Refactor', 'Test', 'Document', 'Fix', 'Review'] as const;

export const AGENTS = [
  { type: 'agent', id: 'coder-1', name: 'Coding agent 1' },
  { type: 'agent', id: 'coder-2', name: 'Coding agent 2' },
  { type: 'agent', id: 'reviewer', name: 'Review agent' },
  { type: 'human', id: 'ada', name: 'Ada Lovelace' },
  { type: 'human', id: 'grace', name: 'Grace Hopper' },
  { type: 'service', id: 'renovate', name: 'Renovate' },
] as const;

export const ISSUES = [
  { type: 'doc_gap', description: 'The API reference does not say which errors are retryable' },
  { type: 'bug', description: 'A flaky test fails when run after midnight UTC' },
  { type: 'dependency_conflict', description: 'Two packages need different major versions of the same peer' },
  {
    type: 'unclear_requirement',
    description: 'The ticket does not say what happens to carts older than 30 days',
  },
  { type: 'other', description: 'The staging database was reset during the run' },
] as const;

export const QUESTIONS = [
  {
    question: 'Should partial refunds be allowed after 60 days?',
    answer: 'No: support handles those by hand.',
  },
  {
    question: 'Which locale wins when the browser and the account disagree?',
    answer: 'The account setting.',
  },
  {
    question: 'May the job take a table lock during business hours?',
    answer: 'Only between 02:00 and 05:00 UTC.',
  },
  {
    question: 'Is it fine to drop support for the v1 webhook format?',
    answer: 'Yes, after the partner notice period.',
  },
] as const;

export const BLOCKERS = [
  'Waiting for the staging credentials from the platform team',
  'The upstream API is down for maintenance',
  'Needs a schema migration that is not approved yet',
] as const;

export const FAILURES = [
  'Integration tests fail against the sandbox',
  'The build runs out of memory on the CI runner',
  'Type errors after the dependency bump',
] as const;

export const DECISION_TOPICS = [
  {
    category: 'library_choice',
    question: 'Which HTTP client do the services use?',
    options: ['undici', 'axios', 'got'],
    drivers: ['performance', 'maintenance'],
  },
  {
    category: 'architecture',
    question: 'How do services publish their domain events?',
    options: ['transactional outbox', 'direct publish after commit', 'change data capture'],
    drivers: ['no lost events', 'operational cost'],
  },
  {
    category: 'trade_off',
    question: 'How fresh must the search index be?',
    options: ['under 1 minute', 'under 15 minutes', 'nightly'],
    drivers: ['cost', 'user expectations'],
  },
  {
    category: 'workaround',
    question: 'How to survive the provider rate limit until the contract changes?',
    options: ['client-side token bucket', 'queue and batch', 'ask for a higher limit'],
    drivers: ['time to market'],
  },
  {
    category: 'architecture',
    question: 'Where does feature-flag evaluation happen?',
    options: ['server side', 'edge', 'client side'],
    drivers: ['latency', 'security'],
  },
  {
    category: 'other',
    question: 'Which branch strategy do the teams follow?',
    options: ['trunk-based', 'git flow', 'release branches'],
    drivers: ['deployment frequency'],
  },
] as const;

export const DEPLOY_FAILURES = [
  'Readiness probe failed: database migrations timed out',
  'Image pull failed: manifest unknown',
  'Smoke test failed: 502 from /health',
  'Canary error rate above 2%',
] as const;

export const ROLLBACK_REASONS = [
  'Error rate doubled after the release',
  'Checkout latency p95 above 2 s',
  'A payment provider rejected the new request format',
] as const;
