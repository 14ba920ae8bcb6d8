import { defineConfig } from 'vite';

// `base: './'` so the same build is served by `npm run preview` and by the node's
// gateway at `/` (`loam-node --gateway ADDR --gateway-web web/dist`).
export default defineConfig({
  base: './',
  build: { target: 'es2022', outDir: 'dist', chunkSizeWarningLimit: 2048 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
