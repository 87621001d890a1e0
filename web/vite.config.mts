import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

/**
 * The pages people use, one HTML entry per page (no client-side router: each screen is its own
 * URL a desk can bookmark or a TV can open). Built into dist/web, which the gateway serves.
 */
export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: resolve(root, '../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      input: {
        index: resolve(root, 'index.html'),
        ticket: resolve(root, 'ticket.html'),
        display: resolve(root, 'display.html'),
        book: resolve(root, 'book.html'),
        checkin: resolve(root, 'checkin.html'),
        kiosk: resolve(root, 'kiosk.html'),
        desk: resolve(root, 'desk.html'),
        poster: resolve(root, 'poster.html'),
        refer: resolve(root, 'refer.html'),
        inbox: resolve(root, 'inbox.html'),
        dashboard: resolve(root, 'dashboard.html'),
        login: resolve(root, 'login.html'),
        referral: resolve(root, 'referral.html'),
      },
    },
  },
});
