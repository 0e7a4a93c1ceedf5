# Production-like image for Kartla (see docker-compose.yml). Not built on the development
# machines (no Docker engine there); kept in step by tests/deploy/compose.test.ts.
FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
ENV NODE_ENV=production KARTLA_CHROMIUM=/usr/bin/chromium
USER node
ENTRYPOINT ["node", "bin/kartla.js"]
CMD ["--help"]
