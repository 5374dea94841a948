import { defineConfig } from 'vitest/config';

// unit tests: no network, fake sockets (test/fake-socket.ts); React hooks under jsdom
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
