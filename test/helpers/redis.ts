import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A throwaway `redis-server` on a free loopback port, for the scale-out tests. */
export interface TestRedis {
  readonly url: string;
  readonly port: number;
  /** Kills the server (as a crash would). */
  stop(): Promise<void>;
  /** Starts it again on the same port: with `dataDir`, with the data it had; otherwise empty. */
  start(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Starts `redis-server` (installed by `.ci/run`); fails with a clear message when it is missing.
 * With `dataDir`, every write is appended to a file there (fsync'd), so a killed server comes back
 * with its data, as a production Redis with AOF would.
 */
export async function startRedis(options: { dataDir?: string } = {}): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;

  const start = async () => {
    const server = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        ...(options.dataDir
          ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', options.dataDir]
          : ['--appendonly', 'no']),
      ],
      { stdio: 'ignore' },
    );
    child = server;
    const failed = new Promise<never>((_, reject) => {
      server.once('error', (error) =>
        reject(
          new Error(
            `redis-server could not start (apt-get install -y redis-server): ${error.message}`,
          ),
        ),
      );
    });
    for (let i = 0; i < 100; i++) {
      if (await Promise.race([answersPing(port), failed])) return;
      await sleep(50);
    }
    throw new Error(`redis-server did not answer on port ${port}`);
  };

  const stop = async () => {
    const server = child;
    child = null;
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGKILL');
    await exited;
  };

  await start();
  return { url: `redis://127.0.0.1:${port}`, port, stop, start };
}
