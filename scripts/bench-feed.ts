/**
 * `npm run bench:feed [-- --records 1000000 --format json|csv]`: serves a generated feed of that
 * many records on loopback, without Content-Length, reads it through the sync's own fetch and
 * parse stages (no import), and prints the records read, the time taken and the peak RSS.
 * Memory should not grow with --records: a million JSON records (about 290 MB) stay near 140 MB.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Command } from 'commander';
import { openFeed } from '../jobs/fetch';
import { mappingSchema } from '../jobs/mapping';
import { readCsv } from '../jobs/connectors/csv';
import { readJson } from '../jobs/connectors/json';

const opts = new Command()
  .option('--records <count>', 'records in the feed', '1000000')
  .option('--format <format>', 'json or csv', 'json')
  .parse()
  .opts<{ records: string; format: string }>();
const count = Number(opts.records);
const json = opts.format === 'json';

const record = (i: number) => ({ id: `bench-${i}`, title: `Bench centre ${i}`, country: ['KE', 'GH', 'BR', 'VN'][i % 4] ?? 'KE', url: `https://centre-${i}.example.org/`, offers: 'training; partner-search', description: 'A generated centre, long enough to weigh like a real one in a feed.' });

function* pieces(): Generator<string> {
  if (json) yield '{"data":{"items":[';
  else yield 'id;title;country;url;offers;description\n';
  for (let i = 0; i < count; i++) {
    const r = record(i);
    yield json ? `${i ? ',' : ''}${JSON.stringify(r)}` : `${r.id};${r.title};${r.country};${r.url};"${r.offers}";"${r.description}"\n`;
  }
  if (json) yield '],"total":' + count + '},"links":{"next":null}}';
}

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': json ? 'application/json' : 'text/csv' });
  const source = pieces();
  const pump = () => {
    for (let piece = source.next(); ; piece = source.next()) {
      if (piece.done) return void res.end();
      if (!res.write(piece.value)) return void res.once('drain', pump);
    }
  };
  pump();
});

async function main() {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed`;
  const mapping = mappingSchema.parse({ type: 'organization', records: json ? 'data.items' : undefined, fields: { externalId: 'id', name: 'title', country: 'country' } });
  const started = Date.now();
  const opened = await openFeed(url, { allowPrivate: true, maxBytes: 4 * 1024 ** 3 });
  if (opened.status !== 'ok') throw new Error('the bench server answered 304');
  let read = 0;
  let peak = process.memoryUsage().rss;
  for await (const item of (json ? readJson : readCsv)(opened.body, mapping, opened.url)) {
    if (item.kind !== 'record') continue;
    read += 1;
    if (read % 1000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  server.close();
  console.log(JSON.stringify({ format: opts.format, records: read, seconds: (Date.now() - started) / 1000, peakRssMB: Math.round(peak / 1024 ** 2) }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
