import { defineConfig } from 'vite';

// The test wallet as one self-contained script for Playwright's addInitScript.
export default defineConfig({
  build: {
    outDir: 'tests/.build',
    emptyOutDir: true,
    lib: { entry: 'tests/extension.ts', formats: ['iife'], name: 'LoamTestWallet', fileName: () => 'extension.js' },
  },
});
