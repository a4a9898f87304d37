/**
 * Requests sent byte for byte as given (paths with %ff, bodies with any Content-Encoding),
 * which supertest would re-encode, to the app listening on a loopback port of its own.
 */
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import type { Express } from 'express';
import { answerMalformedRequests } from '../server/edge-input';

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
  /** Writes these bytes on a socket of its own and reads the answer until the server closes it. */
  sendBytes(bytes: string): Promise<string>;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:0 (with what server/main.ts adds to the server) and one keep-alive agent, so thousands of requests reuse a few sockets. */
export async function rawClient(app: Express): Promise<RawClient> {
  const server = http.createServer(app);
  // As server/main.ts does: what Node's parser refuses is answered as a problem too.
  answerMalformedRequests(server);
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
    sendBytes: (bytes) =>
      new Promise((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.end(bytes, 'latin1'));
        const chunks: Buffer[] = [];
        socket.on('data', (c: Buffer) => chunks.push(c));
        socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
        socket.on('error', reject);
      }),
    async close() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
