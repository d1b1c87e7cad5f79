import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The dashboard is a static page served by the server at /dashboard/ (apps/server/src/dashboard).
 * `npx nx serve dashboard` runs Vite's dev server and forwards API calls to a server on :8080.
 */
export default defineConfig(({ command }) => ({
  root,
  // Built with relative asset URLs: the same files are served at /dashboard/ and, in gateway mode, under
  // its prefix (/tokenshift/dashboard/). The dev server keeps an absolute base.
  base: command === 'build' ? './' : '/dashboard/',
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/dashboard', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 400,
    // Pages: the migration dashboard, and "My API tokens" (/dashboard/tokens/) and "My migration"
    // (/dashboard/migration/) that every user signs in to.
    rollupOptions: {
      input: {
        dashboard: fileURLToPath(new URL('./index.html', import.meta.url)),
        tokens: fileURLToPath(new URL('./tokens/index.html', import.meta.url)),
        migration: fileURLToPath(new URL('./migration/index.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: { '/rest': process.env.TOKENSHIFT_URL ?? 'http://127.0.0.1:8080' },
  },
}));
