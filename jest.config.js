/** Transpile only: `npm run typecheck` checks types once for the whole project. */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true, module: 'commonjs', moduleResolution: 'node10', target: 'es2022', esModuleInterop: true } }] };

/** @type {import('jest').Config} */
module.exports = {
  // Test files run side by side, each on a database of its own; TEST_WORKERS=1 runs them one at a time.
  maxWorkers: Number(process.env.TEST_WORKERS ?? 2),
  // A bound on a hung test, not a speed check: a test app's set-up on a machine busy with other work has taken over 30 s.
  testTimeout: 120000,
  // Builds the browser client when it is missing or stale, so `npm test` works on a fresh clone,
  // and prepares the database that every test app copies (dropped by the teardown).
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
      transform,
    },
    {
      // The browser tests (Chromium through playwright-core), one file at a time after the others:
      // two browsers at once on a busy machine turn slowness into timeouts.
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.e2e.test.ts'],
      runner: '<rootDir>/test/serial-runner.js',
      transform,
    },
  ],
};
