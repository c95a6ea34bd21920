import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The API a development server forwards to; the built dashboard is served by the API itself. */
const API = process.env['PITRIX_DASHBOARD_API'] ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 600 },
  server: {
    proxy: {
      '/graphql': { target: API, ws: true, changeOrigin: true },
      '/auth': { target: API, changeOrigin: true },
    },
  },
});
