/**
 * A TCP proxy in front of the real PostgreSQL server that tests use to play a flaky network:
 * `reset()` cuts every open connection with a TCP reset, `blackhole()` stops forwarding
 * anything (open connections hang, new ones are accepted and never answered), and `restore()`
 * lets new connections through again. Connections caught in a black hole stay hung after
 * `restore()`, as connections whose state a partition lost do: only the client can give up on them.
 */
import net from 'node:net';

export type ProxyMode = 'pass' | 'blackhole';

export interface FaultProxy {
  /** `databaseUrl` with its host and port replaced by the proxy's. */
  urlFor(databaseUrl: string): string;
  readonly port: number;
  /** Connections open now (forwarded or held). */
  readonly open: number;
  reset(): void;
  blackhole(): void;
  restore(): void;
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  upstream?: net.Socket;
  held: boolean;
}

/** Starts a proxy on a free loopback port in front of `target` (host and port of a PostgreSQL server). */
export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  let mode: ProxyMode = 'pass';
  const pairs = new Set<Pair>();

  const hold = (pair: Pair) => {
    pair.held = true;
    // Read and drop whatever arrives, so the sender's writes succeed and its reads never do.
    pair.client.removeAllListeners('data');
    pair.client.on('data', () => undefined);
    pair.upstream?.removeAllListeners('data');
    pair.upstream?.on('data', () => undefined);
  };

  const server = net.createServer((client) => {
    const pair: Pair = { client, held: false };
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      pair.upstream?.destroy();
    };
    client.on('error', () => undefined);
    client.on('close', drop);
    if (mode === 'blackhole') {
      hold(pair);
      return;
    }
    const upstream = net.connect(target.port, target.host);
    pair.upstream = upstream;
    upstream.on('error', () => undefined);
    upstream.on('close', () => {
      if (!pair.held) drop();
    });
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => client.write(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no port');
  const port = address.port;

  return {
    port,
    get open() {
      return pairs.size;
    },
    urlFor(databaseUrl) {
      const url = new URL(databaseUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    reset() {
      for (const pair of pairs) {
        pair.client.resetAndDestroy();
        pair.upstream?.resetAndDestroy();
      }
      pairs.clear();
    },
    blackhole() {
      mode = 'blackhole';
      for (const pair of pairs) hold(pair);
    },
    restore() {
      mode = 'pass';
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream?.destroy();
      }
      pairs.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
