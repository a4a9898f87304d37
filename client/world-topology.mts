/**
 * `virtual:world-topology`: world-atlas's 110m countries with each shape's ISO 3166-1 numeric
 * id turned into its alpha-2 code at build time, so the map chunk carries no code table, and
 * without the English names (the page names countries in the reader's language).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);
const id = 'virtual:world-topology';
const resolved = `\0${id}`;

interface Geometry {
  id?: string;
  properties?: { name?: string };
  [key: string]: unknown;
}
interface Topology {
  objects: { countries: { geometries: Geometry[] } };
  [key: string]: unknown;
}

/** Shapes world-atlas leaves without a numeric code but the directory knows by a user-assigned one. */
const unnumbered: Record<string, string> = { Kosovo: 'XK' };

export function worldTopology(): Plugin {
  return {
    name: 'world-topology',
    resolveId: (source) => (source === id ? resolved : undefined),
    load(source) {
      if (source !== resolved) return undefined;
      const countries: { numericToAlpha2(code: string): string | undefined } = require('i18n-iso-countries');
      const file = require.resolve('world-atlas/countries-110m.json');
      const topology = JSON.parse(fs.readFileSync(file, 'utf8')) as Topology;
      topology.objects.countries.geometries = topology.objects.countries.geometries.map(({ id: numeric, properties, ...shape }) => {
        const alpha2 = numeric ? countries.numericToAlpha2(numeric) : unnumbered[properties?.name ?? ''];
        return alpha2 ? { ...shape, id: alpha2 } : shape;
      });
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(topology))});`;
    },
  };
}
