# Keygate image: Node 20, installed from the lockfile, built, started with start:prod.
# Use it with an external PostgreSQL (DATABASE_URL); see docker-compose.yml.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# prisma/ and the configs are needed by the postinstall `prisma generate`; patches/ by its
# `patch-package` (node_modules/mercurius is patched, see README).
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The migration runner reads prisma/migrations at start-up.
# start:prod runs node with --max-semi-space-size=64 (what bench:authorize measures): the compiled
# account snapshots make the heap large, and the default young generation made scavenges frequent
# enough to double the authorize p99 at one connection.
COPY --from=build /app/prisma ./prisma
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["npm", "run", "start:prod"]
