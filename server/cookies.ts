/**
 * The request's cookies as sent (name → raw value), and one safe decoding of a value: the edge
 * refuses a malformed one on the API, pages ignore it. One reading for both, so they agree.
 */
export function rawCookies(header: string | undefined): Array<[name: string, value: string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) pairs.push([part.slice(0, eq).trim(), part.slice(eq + 1).trim()]);
  }
  return pairs;
}

/** The value percent-decoded, or undefined when its encoding is malformed (lang=%E0%A4%A). */
export function decodedCookie(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
