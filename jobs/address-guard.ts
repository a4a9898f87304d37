/**
 * Feed URLs must not reach loopback, private, link-local or multicast addresses unless
 * FEED_ALLOW_PRIVATE=1. The check runs on the addresses the name resolves to, at connect
 * time (so a DNS answer cannot change between check and use), and again on every redirect.
 */
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

const PUBLIC_RANGES = new Set(['unicast']);

/** Why an address may not be fetched, or undefined when it may. */
export function forbiddenAddress(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  return PUBLIC_RANGES.has(range) ? undefined : `${address} is a ${range} address`;
}

export class ForbiddenAddressError extends Error {}

/** FEED_ALLOW_PRIVATE as a boolean, or a finer rule (tests allow their own loopback server and nothing else). */
export type PrivatePolicy = boolean | ((address: string) => boolean);

const permits = (policy: PrivatePolicy, address: string) => (typeof policy === 'function' ? policy(address) : policy);

/** Allows 127.0.0.1 only: for tests that serve feeds on loopback and must reach nothing else. */
export const loopbackOnly: PrivatePolicy = (address) => address === '127.0.0.1';

/** Checks a URL before any request: http(s) only, and a literal private address is refused at once. */
export function checkFeedUrl(raw: string, allowPrivate: PrivatePolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ForbiddenAddressError(`"${raw}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ForbiddenAddressError(`only http and https feeds are read, not ${url.protocol}`);
  if (url.username || url.password) throw new ForbiddenAddressError('feed URLs may not carry a user name or password');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (allowPrivate !== true) {
    if (host === 'localhost' || host.endsWith('.localhost')) throw new ForbiddenAddressError(`${host} is a loopback address (set FEED_ALLOW_PRIVATE=1 to allow it)`);
    // The URL parser has already turned spellings such as 127.1 or 2130706433 into 127.0.0.1.
    if (ipaddr.isValid(host)) {
      const why = forbiddenAddress(host);
      if (why && !permits(allowPrivate, host)) throw new ForbiddenAddressError(`${why} (set FEED_ALLOW_PRIVATE=1 to allow it)`);
    }
  }
  return url;
}

/** A DNS lookup for http agents that refuses names resolving to forbidden addresses. */
export function guardedLookup(allowPrivate: PrivatePolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = addresses as dns.LookupAddress[];
      if (allowPrivate !== true) {
        for (const a of list) {
          const why = forbiddenAddress(a.address);
          if (why && !permits(allowPrivate, a.address)) return callback(new ForbiddenAddressError(`${hostname} resolves to ${why} (set FEED_ALLOW_PRIVATE=1 to allow it)`), '', 4);
        }
      }
      if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 4);
      callback(null, first.address, first.family);
    });
  };
}
