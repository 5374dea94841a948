import { defineConfig } from 'vitest/config';

// integration tests against a real gateway on a real Kafka broker, started by the e2e module's
// WebClientIT (which passes the URLs in environment variables); run one file at a time
export default defineConfig({
  test: {
    include: ['it/**/*.it.ts'],
    environment: 'node',
    testTimeout: 240_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: ['verbose'],
  },
});
