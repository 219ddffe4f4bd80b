# syntax=docker/dockerfile:1
# Build stage: install exact dependencies from the lockfile.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# postinstall applies patches/ (patch-package) to the installed dependencies.
COPY patches ./patches
RUN npm ci --omit=dev --no-audit --no-fund

# Runtime stage: the sources run through tsx, so there is no compile step to ship.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY abis ./abis
COPY drizzle ./drizzle
COPY networks ./networks
COPY src ./src
USER node
# 4000: the API (PORT); 9464: a worker's /metrics when METRICS_PORT=9464, as in docker-compose.yml.
EXPOSE 4000 9464
ENTRYPOINT ["node", "bin/cortensor-indexer.mjs"]
CMD ["start"]
