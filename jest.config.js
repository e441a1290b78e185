// Three tiers, told apart by file name (see docs/architecture.md):
//   *.spec.ts      pure and fast, no I/O
//   *.int.spec.ts  against a real PostgreSQL (each file gets a fresh database)
//   *.e2e-spec.ts  boots the whole service
const moduleNameMapper = {
  '^@annals/([a-z-]+)$': '<rootDir>/libs/$1/src',
  '^@annals/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
  '^content-disposition$': '<rootDir>/test/support/content-disposition.cjs.js',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
};
const common = { transform, moduleNameMapper, testEnvironment: 'node', rootDir: __dirname };

module.exports = {
  // Integration specs wait on real servers; unit specs finish in milliseconds either way.
  testTimeout: 30_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,migrations,bench}/**/*.spec.ts'],
      testPathIgnorePatterns: ['\\.int\\.spec\\.ts$', '/node_modules/'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,migrations}/**/*.int.spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
