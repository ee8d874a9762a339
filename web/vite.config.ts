import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev:web` serves the app with hot reload and forwards the API's paths to a running
// `npm start` (NOVAEVO_API_URL, default http://127.0.0.1:3000), so the browser sees one origin.
const api = process.env.NOVAEVO_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Vite would inline small assets as data: URLs; the CSP allows images from 'self' only.
    assetsInlineLimit: 0,
    // Libraries change less often than the app: their own hashed file stays cached across releases.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/ }] } } },
    chunkSizeWarningLimit: 1000,
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(['/v1', '/openapi.json', '/docs', '/health', '/.well-known'].map((p) => [p, { target: api, changeOrigin: false }])),
  },
});
