import { defineConfig } from 'vitest/config';

// Tests run against the compiled output in dist/ (npm test builds first), the same code the kernel
// preloads. Kernel, notebook and browser tests start real processes, hence the long timeouts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 600_000,
    reporters: ['default'],
  },
});
