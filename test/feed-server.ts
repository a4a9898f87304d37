/** A real HTTP server on loopback that serves fixture feeds, with ETags, and plays faults on request. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const root = path.join(__dirname, 'fixtures');

/** A made-up centre for generated feeds: names of random letters, so no two match each other. */
export function generatedCentre(i: number) {
  let x = (i + 1) * 2654435761;
  const letter = () => {
    // xorshift: cheap, so that the server keeps up with the client it shares a process with.
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return String.fromCharCode(97 + ((x >>> 0) % 26));
  };
  const word = (n: number) => Array.from({ length: n }, letter).join('').replace(/^./, (c) => c.toUpperCase());
  return { id: `gen-${i}`, title: `${word(9)} ${word(8)} Centre`, country: ['KE', 'GH', 'BR', 'VN', 'PE', 'MA'][i % 6], offers: 'training; partner-search' };
}

/**
 * Writes the pieces without Content-Length: as fast as the client reads them, or `paced`, one
 * a millisecond, so that the client most likely reads each on its own.
 */
function stream(res: http.ServerResponse, type: string, pieces: Iterator<string | Buffer>, paced = false) {
  res.writeHead(200, { 'content-type': type });
  let open = true;
  res.on('close', () => (open = false));
  const pump = () => {
    // The server shares its process with the client under test: a turn of the event loop now and then keeps the client's timers honest.
    for (let piece = pieces.next(), n = 0; open; piece = pieces.next(), n++) {
      if (piece.done) return void res.end();
      if (paced) return void (res.write(piece.value), setTimeout(pump, 1));
      if (!res.write(piece.value)) return void res.once('drain', pump);
      if (n === 200) return void setImmediate(pump);
    }
  };
  pump();
}

/**
 * `generated/centres.json?count=N&start=S`: centres S to S+N-1 under data.items, with
 * links.next (the `next` parameter) after them, or before them with `nextFirst`.
 */
function* generatedJson(params: URLSearchParams): Generator<string> {
  const start = Number(params.get('start') ?? 0);
  const count = Number(params.get('count') ?? 100);
  const links = `"links":${JSON.stringify({ next: params.get('next') })}`;
  yield `{${params.has('nextFirst') ? `${links},` : ''}"data":{"items":[`;
  for (let i = start; i < start + count; i++) yield `${i > start ? ',' : ''}\n${JSON.stringify(generatedCentre(i))}`;
  yield `]}${params.has('nextFirst') ? '' : `,${links}`}}`;
}

/** A fixture cut every `size` bytes (`?chunk=size`), through characters and quoted fields alike. */
function* inPieces(body: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < body.length; at += size) yield body.subarray(at, at + size);
}

export interface FeedServer {
  url: (file: string) => string;
  /** Files served in place of the fixture of the same name. */
  override: Map<string, string>;
  requests: string[];
  /** Bytes of each `fault/huge` response written before its client went away, in the order they closed. */
  hugeSent: number[];
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const override = new Map<string, string>();
  const requests: string[] = [];
  const hugeSent: number[] = [];
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
      let open = true;
      const pump = () => {
        while (open && sent < 200 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (open) res.end();
      };
      res.on('close', () => {
        open = false;
        hugeSent.push(sent);
      });
      return pump();
    }
    if (name === 'generated/centres.json') return stream(res, 'application/json', generatedJson(url.searchParams));
    if (name === 'fault/redirect-private') return void res.writeHead(302, { location: 'http://10.255.255.1/feed.json' }).end();
    const body = override.get(name) ?? (fs.existsSync(path.join(root, name)) ? fs.readFileSync(path.join(root, name), 'utf8') : undefined);
    if (body === undefined) return void res.writeHead(404).end('not found');
    const etag = `"${crypto.createHash('sha1').update(body).digest('hex')}"`;
    if (!url.searchParams.has('noetag') && req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
    const type = name.endsWith('.csv') ? 'text/csv' : name.endsWith('.html') ? 'text/html' : name.endsWith('.atom') ? 'application/atom+xml' : 'application/json';
    const chunk = Number(url.searchParams.get('chunk') ?? 0);
    if (chunk > 0) return stream(res, type, inPieces(Buffer.from(body), chunk), true);
    res.writeHead(200, { 'content-type': type, ...(url.searchParams.has('noetag') ? {} : { etag }) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (file) => `http://127.0.0.1:${port}/${file}`,
    override,
    requests,
    hugeSent,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
