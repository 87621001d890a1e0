import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { GatewayConfig } from '../config';

/**
 * Security headers and CORS at the edge. The pages are Vite builds served from this origin, with
 * their scripts, styles, fonts and map code bundled (no CDN): 'self' is enough, plus inline styles
 * (React and Leaflet set style attributes) and data:/blob: images (QR codes, map markers). The
 * WebSocket is same-origin ('self' covers ws: in CSP 3). No upgrade-insecure-requests: a facility's
 * local install may run on plain http inside its network.
 */
export function applyHttpSecurity(app: NestFastifyApplication, config: GatewayConfig): void {
  void app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Pages are opened from QR codes and links in messages: keep the referrer to our own origin.
    referrerPolicy: { policy: 'same-origin' },
  });
  // No origin list = no CORS headers at all: browsers then allow only same-origin calls.
  void app.register(cors, {
    origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false,
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-correlation-id'],
    maxAge: 600,
  });
}
