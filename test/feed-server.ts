/** A real HTTP server on loopback that serves fixture feeds, with ETags, and plays faults on request. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const root = path.join(__dirname, 'fixtures');

export interface FeedServer {
  url: (file: string) => string;
  /** Files served in place of the fixture of the same name. */
  override: Map<string, string>;
  requests: string[];
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const override = new Map<string, string>();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url.pathname);
    const name = url.pathname.slice(1);
    if (name === 'fault/500') return void res.writeHead(500).end('boom');
    if (name === 'fault/html') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Please sign in</body></html>');
    if (name === 'fault/silent') return; // reads the request, never answers
    if (name === 'fault/drip') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.flushHeaders();
      const timer = setInterval(() => res.write(' '), Number(url.searchParams.get('every') ?? 1000));
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (name === 'fault/huge') {
      // 200 MB without Content-Length, written only as fast as the client reads.
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 200 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (sent = Number.MAX_SAFE_INTEGER));
      return pump();
    }
    if (name === 'fault/redirect-private') return void res.writeHead(302, { location: 'http://10.255.255.1/feed.json' }).end();
    const body = override.get(name) ?? (fs.existsSync(path.join(root, name)) ? fs.readFileSync(path.join(root, name), 'utf8') : undefined);
    if (body === undefined) return void res.writeHead(404).end('not found');
    const etag = `"${crypto.createHash('sha1').update(body).digest('hex')}"`;
    if (!url.searchParams.has('noetag') && req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
    const type = name.endsWith('.csv') ? 'text/csv' : name.endsWith('.html') ? 'text/html' : name.endsWith('.atom') ? 'application/atom+xml' : 'application/json';
    res.writeHead(200, { 'content-type': type, ...(url.searchParams.has('noetag') ? {} : { etag }) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (file) => `http://127.0.0.1:${port}/${file}`,
    override,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
