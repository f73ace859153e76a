/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  // Relative base: the built app works from any sub-path (a static host, a file share, a USB stick).
  base: './',
  plugins: [svelte()],
  publicDir: 'static',
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // The parsers the export tests load and the property tests are slow on a shared, busy machine;
    // 5 s failed them there while they take about 1 s on an idle one.
    testTimeout: 20_000,
    // The JSON report feeds the totals line of .ci/run (Playwright wipes test-results/, so not there).
    reporters: ['default', 'json'],
    outputFile: { json: '.test-output/vitest.json' },
  },
});
