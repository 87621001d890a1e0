# syntax=docker/dockerfile:1
# One image for all four services (gateway, queue-service, referral-service, notification-service) and
# for the migration job. SERVICE (build arg, overridable at run time) picks the app that CMD starts.
#   docker build -t antrean-rujukan:latest .
#   docker run -e SERVICE=queue-service ... antrean-rujukan:latest
#   docker run ... antrean-rujukan:latest bash scripts/db/migrate.sh      (the *_DATABASE_URL variables set)
# Checked by test/deploy/deployment-files.spec.ts (no Docker engine on the dev machines).

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Prisma runs in the engine-free mode of scripts/db/prisma.sh: nothing is downloaded besides npm packages.
ENV CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1

# Dependencies first, so source edits reuse this layer. --ignore-scripts as on the dev machines (npm 11
# runs no dependency install scripts there): Prisma's engine download and postinstall generate are not
# wanted, native tools (swc, esbuild) come as prebuilt optional packages. The image's npm 10 accepts the
# lockfile; npm 11.19 rejects it (it lacks the non-Linux swc binaries the dev machines' registry lacks).
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund

COPY . .
# generate.sh runs the three generators in parallel and a bare `wait` hides a failure: check the output.
RUN bash scripts/db/generate.sh \
    && for schema in apps/*/prisma; do test -d "${schema%/prisma}/src/generated" || exit 1; done
RUN npm run build

# Production dependencies only. The Prisma CLI stays (a peer of @prisma/client, so not a dev dependency
# in the lockfile): the migration job runs it from this image. Fail here, not in the job, if that changes.
RUN npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
    && test -f node_modules/prisma/build/index.js \
    && test -f node_modules/@prisma/adapter-pg/package.json

# What the migration job needs besides node_modules: the scripts, each service's schema and migrations,
# and the TypeScript helper that the prisma.config.ts files import (loaded by the Prisma CLI itself).
RUN mkdir -p /out \
    && cp -r --parents scripts/db apps/*/prisma libs/database/src /out/ \
    && cp package.json /out/

# ---------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    CHECKPOINT_DISABLE=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1

# Owned by root and not writable by the app user: the process cannot change its own code.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /out/ ./
COPY --from=build /app/dist ./dist

# Late, so the four per-service images share every layer above.
ARG SERVICE=gateway
ENV SERVICE=${SERVICE}
RUN test -f "dist/apps/${SERVICE}/src/main.js" || { echo "no app '${SERVICE}' in dist/apps" >&2; exit 1; }

# gateway 3000 (public, also WebSocket /ws), queue-service 3001, referral-service 3002, notification-service 3003.
EXPOSE 3000 3001 3002 3003
USER node

# No curl in slim images: node's fetch. PORT unset means the app's default port, looked up by SERVICE.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD node -e 'const d={"gateway":3000,"queue-service":3001,"referral-service":3002,"notification-service":3003,"bpjs-bridge":3005,"bpjs-simulator":3090};fetch("http://127.0.0.1:"+(process.env.PORT||d[process.env.SERVICE])+"/health/live").then(r=>process.exit(r.ok?0:1),()=>process.exit(1))'

# exec: node becomes PID 1 and receives SIGTERM itself (graceful shutdown on docker stop / pod delete).
CMD ["sh", "-c", "exec node --enable-source-maps dist/apps/$SERVICE/src/main.js"]
