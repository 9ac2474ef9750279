# The API alone; Neo4j comes from docker-compose.yml (or any server named by NEO4J_URI).
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json codegen.ts ./
COPY src ./src
COPY schema ./schema
COPY seed ./seed
COPY bench ./bench
RUN npm run build

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY schema ./schema
# the warm-up runs the playground's examples (src/graphql/warm-up.ts)
COPY src/web/examples ./src/web/examples
COPY seed ./seed
USER node
EXPOSE 4000
CMD ["node", "--enable-source-maps", "dist/src/index.js"]
