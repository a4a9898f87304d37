/**
 * Requests sent byte for byte as given (paths with %ff, bodies with any Content-Encoding),
 * which supertest would re-encode, to the app listening on a loopback port of its own.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface RawClient {
  send(r: RawRequest): Promise<RawResponse>;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:0 with one keep-alive agent, so thousands of requests reuse a few sockets. */
export async function rawClient(app: Express): Promise<RawClient> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  return {
    send: (r) =>
      new Promise((resolve, reject) => {
        const body = r.body === undefined ? undefined : Buffer.from(r.body);
        const headers = { ...(body ? { 'Content-Length': String(body.length) } : {}), ...r.headers };
        const req = http.request({ host: '127.0.0.1', port, agent, method: r.method, path: r.path, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      }),
    async close() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
