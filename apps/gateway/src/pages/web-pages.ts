import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { plainLogger } from '@app/logging';

/** Where `npm run build` puts the pages (web/ built by Vite): dist/web next to dist/apps. */
export const WEB_DIST_DIR = resolve(__dirname, '../../../../web');

/**
 * Serves the pages people use (patient ticket, waiting-room display, ...) from the built web/
 * folder. The API, WebSocket, health and metrics routes are declared routes and keep precedence.
 * A gateway started without a web build still serves the API, and says so once.
 */
export function serveWebPages(app: NestFastifyApplication, dir = WEB_DIST_DIR): void {
  if (!existsSync(resolve(dir, 'index.html'))) {
    plainLogger('gateway').warn(
      { dir },
      'no web build found: pages are not served (run npm run build)',
    );
    return;
  }
  app.useStaticAssets({
    root: dir,
    prefix: '/',
    index: ['index.html'],
    // Brotli/gzip copies written at build time (scripts/build/precompress-web.mjs).
    preCompressed: true,
    // Built assets carry content hashes in their names; pages themselves are always revalidated.
    // @fastify/static hands over Fastify's reply here (Nest's option type still says ServerResponse).
    setHeaders: (reply: unknown, path: string) => {
      (reply as FastifyReply).header(
        'cache-control',
        path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
      );
    },
  });
}
