# syntax=docker/dockerfile:1
# Build stage: install exact dependencies from the lockfile.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# postinstall applies patches/ (patch-package) to the installed dependencies; its CLI build finds no
# sources yet and leaves that to the runtime stage.
COPY patches ./patches
COPY scripts/build-cli.mjs ./scripts/build-cli.mjs
RUN npm ci --omit=dev --no-audit --no-fund

# Runtime stage: the CLI runs from its bundle (dist/cli/main.mjs, built below from the sources).
FROM node:20-bookworm-slim
ENV NODE_ENV=production
# One malloc arena instead of glibc's eight per core: a worker's fetch thread would otherwise get
# arenas of its own, which keep freed memory resident (`npm run bench`: 356-371 MB peak RSS with
# one, 359-402 with two, up to 403 with the default; no slower).
ENV MALLOC_ARENA_MAX=1
# Buffers of 128 KiB and more always mapped on their own, so freeing one returns it to the system:
# glibc otherwise raises this threshold to the largest buffer freed so far (a span's COPY data, an
# RPC answer: megabytes) and serves later ones from arenas that stay resident (`npm run bench`:
# 359-387 MB peak RSS instead of 385-413).
ENV MALLOC_MMAP_THRESHOLD_=131072
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY abis ./abis
COPY drizzle ./drizzle
COPY networks ./networks
COPY src ./src
COPY scripts/build-cli.mjs ./scripts/build-cli.mjs
RUN node scripts/build-cli.mjs
USER node
# 4000: the API (PORT); 9464: a worker's /metrics when METRICS_PORT=9464, as in docker-compose.yml.
EXPOSE 4000 9464
ENTRYPOINT ["node", "bin/cortensor-indexer.mjs"]
CMD ["start"]
