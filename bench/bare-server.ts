/**
 * The ceiling of the stack for S3: Apollo Server 5 on Fastify, over the gateway's own schema (the
 * SDL in `schema/`), whose only resolvers return a recorded response. Same parsing, validation,
 * execution and serialisation as the gateway; no context, loaders, cache, plugins, logging or
 * vendor calls.
 *
 * Environment: `BARE_RESPONSE_FILE` (JSON: the `data` of a recorded response; each top-level
 * field becomes a Query resolver returning it), `PORT` (0: a free port). Prints
 * `bare server listening at <url>`. Stops on SIGTERM or SIGINT.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import { makeExecutableSchema } from '@graphql-tools/schema';
import Fastify from 'fastify';

const SCHEMA_DIR = path.resolve(__dirname, '..', 'schema');

function typeDefs(): string[] {
  return readdirSync(SCHEMA_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(path.join(SCHEMA_DIR, file), 'utf8'));
}

async function main(): Promise<void> {
  const file = process.env.BARE_RESPONSE_FILE;
  if (!file) throw new Error('BARE_RESPONSE_FILE is not set');
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const schema = makeExecutableSchema({
    typeDefs: typeDefs(),
    resolvers: {
      Query: Object.fromEntries(Object.entries(data).map(([field, value]) => [field, () => value])),
    },
  });
  const apollo = new ApolloServer({ schema });
  await apollo.start();
  const app = Fastify({ logger: false });
  app.route({
    url: '/graphql',
    method: ['GET', 'POST', 'OPTIONS'],
    handler: fastifyApolloHandler(apollo),
  });
  const url = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
  process.stdout.write(`bare server listening at ${url}\n`);
  const stop = (): void => {
    void app
      .close()
      .then(() => apollo.stop())
      .then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`bare server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
