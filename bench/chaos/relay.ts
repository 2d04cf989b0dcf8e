/**
 * The vendor relay of `npm run chaos`, run as a child process of its own: one TCP relay per
 * vendor between the gateway and that vendor's sandbox, so a vendor can be taken down the way a
 * real one goes down: nothing listens on its port (new connections are refused) and every open
 * connection is dropped. Bringing it back listens again on the same port, so the gateway's
 * configured base URL stays right. Bytes pass through untouched.
 *
 * Environment: `RELAY_TARGETS`, a JSON object of name -> sandbox base URL (loopback).
 * Prints `relay ready {"control": url, "urls": {name: url}}` once every port listens.
 * Control API (loopback HTTP, no body needed): `POST /down/<name>`, `POST /up/<name>`,
 * `GET /state` -> `{name: "up" | "down"}`. Stops on SIGTERM or SIGINT.
 */
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

const HOST = '127.0.0.1';

interface Link {
  name: string;
  targetPort: number;
  /** Fixed after the first listen: the port the gateway is configured with. */
  port: number;
  server: Server | null;
  /** Open sockets of both sides, destroyed when the link goes down. */
  sockets: Set<Socket>;
}

function relay(link: Link, client: Socket): void {
  const upstream = connect(link.targetPort, HOST);
  link.sockets.add(client);
  link.sockets.add(upstream);
  const drop = (): void => {
    client.destroy();
    upstream.destroy();
    link.sockets.delete(client);
    link.sockets.delete(upstream);
  };
  client.on('error', drop).on('close', drop);
  upstream.on('error', drop).on('close', drop);
  client.pipe(upstream);
  upstream.pipe(client);
}

function up(link: Link): Promise<void> {
  if (link.server) return Promise.resolve();
  const server = createServer((client) => relay(link, client));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(link.port, HOST, () => {
      server.off('error', reject);
      link.port = (server.address() as AddressInfo).port;
      link.server = server;
      resolve();
    });
  });
}

function down(link: Link): Promise<void> {
  const server = link.server;
  if (!server) return Promise.resolve();
  link.server = null;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  for (const socket of link.sockets) socket.destroy();
  link.sockets.clear();
  return closed;
}

async function main(): Promise<void> {
  const targets = JSON.parse(process.env.RELAY_TARGETS ?? '{}') as Record<string, string>;
  const links = new Map<string, Link>();
  for (const [name, url] of Object.entries(targets)) {
    const target = new URL(url);
    if (target.hostname !== HOST) throw new Error(`relay target ${name} is not on ${HOST}`);
    const link: Link = {
      name,
      targetPort: Number(target.port),
      port: 0,
      server: null,
      sockets: new Set(),
    };
    await up(link);
    links.set(name, link);
  }

  const control = createHttpServer((request, response) => {
    const [, action, name] = (request.url ?? '').split('/');
    const link = links.get(name ?? '');
    const reply = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'GET' && action === 'state') {
      reply(
        200,
        Object.fromEntries([...links.values()].map((l) => [l.name, l.server ? 'up' : 'down'])),
      );
      return;
    }
    if (request.method !== 'POST' || !link || (action !== 'up' && action !== 'down')) {
      reply(404, { error: 'POST /up/<name> or /down/<name>, GET /state' });
      return;
    }
    (action === 'up' ? up(link) : down(link)).then(
      () => reply(200, { [link.name]: action }),
      (error: unknown) => reply(500, { error: (error as Error).message }),
    );
  });
  await new Promise<void>((resolve) => control.listen(0, HOST, resolve));
  const controlUrl = `http://${HOST}:${(control.address() as AddressInfo).port}`;
  const urls = Object.fromEntries(
    [...links.values()].map((l) => [l.name, `http://${HOST}:${l.port}`]),
  );
  process.stdout.write(`relay ready ${JSON.stringify({ control: controlUrl, urls })}\n`);

  const stop = (): void => {
    control.close();
    void Promise.all([...links.values()].map(down)).then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`relay: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
