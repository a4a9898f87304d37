/**
 * The world map (a lazily loaded chunk): world-atlas's 110m shapes, bundled with their alpha-2
 * codes, shaded by the number of intermediaries or programmes per country from the API's
 * facets. A click on a country opens the search filtered by it; the facet lists stay the
 * keyboard path, so the drawing is one image with a name for assistive technologies.
 */
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection } from 'topojson-specification';
import world from 'virtual:world-topology';
import type { Config } from './config';

const svgNs = 'http://www.w3.org/2000/svg';
const width = 960;
const height = 470;
const noneColour = '#e4e4e4';
const shades = ['#c6dbef', '#6baed6', '#2171b5', '#08306b'];

interface Facets {
  facets: { country?: Array<{ value: string | boolean; count: number }> };
}

/** Upper bounds of the shades: one per count while counts are small, then even steps up to the largest. */
function bounds(max: number): number[] {
  if (max <= shades.length) return Array.from({ length: max }, (_, i) => i + 1);
  return shades.map((_, i) => Math.max(i + 1, Math.round((max * (i + 1)) / shades.length)));
}

function element<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(svgNs, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

export async function drawMap(container: HTMLElement, config: Config): Promise<void> {
  const { base, words, lang } = config;
  const type = container.dataset.type === 'programme' ? 'programmes' : 'organizations';
  const res = await fetch(`${base}/api/v1/${type}?limit=1`, { headers: { Accept: 'application/json' } });
  if (!res.ok) return;
  const counts = new Map<string, number>();
  for (const { value, count } of ((await res.json()) as Facets).facets.country ?? []) counts.set(String(value), count);

  const regions = new Intl.DisplayNames([lang], { type: 'region' });
  const numbers = new Intl.NumberFormat(lang);
  const limits = bounds(Math.max(0, ...counts.values()));
  const shade = (n: number): string => (n > 0 ? (shades[limits.findIndex((limit) => n <= limit)] ?? shades[shades.length - 1] ?? noneColour) : noneColour);

  const countries = world.objects.countries as GeometryCollection;
  const shapes = (feature(world, countries) as FeatureCollection<Geometry>).features.filter((f: Feature) => f.id !== 'AQ');
  const projection = geoNaturalEarth1().fitSize([width, height], { type: 'FeatureCollection', features: shapes });
  const path = geoPath(projection);

  const title = type === 'programmes' ? words.mapProgrammes : words.mapOrganizations;
  const svg = element('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${title}. ${words.mapLabel}` });
  for (const shape of shapes) {
    const code = typeof shape.id === 'string' ? shape.id : undefined;
    const n = code ? (counts.get(code) ?? 0) : 0;
    const outline = element('path', { d: path(shape) ?? '', fill: shade(n) });
    if (code) {
      const name = element('title', {});
      name.textContent = `${regions.of(code) ?? code}: ${numbers.format(n)}`;
      outline.append(name);
    }
    if (code && n > 0) {
      outline.dataset.country = code;
      outline.addEventListener('click', () => window.location.assign(`${base}/search?country=${code}`));
    }
    svg.append(outline);
  }

  const legend = document.createElement('ul');
  legend.className = 'legend';
  const steps: Array<[string, string]> = [[noneColour, words.mapNone]];
  limits.forEach((limit, i) => {
    const from = i === 0 ? 1 : (limits[i - 1] ?? 0) + 1;
    steps.push([shades[i] ?? noneColour, from === limit ? numbers.format(limit) : `${numbers.format(from)}–${numbers.format(limit)}`]);
  });
  for (const [colour, label] of steps) {
    const swatch = document.createElement('i');
    swatch.style.background = colour;
    const item = document.createElement('li');
    item.append(swatch, label);
    legend.append(item);
  }

  const figure = document.createElement('figure');
  const caption = document.createElement('figcaption');
  caption.append(title, legend);
  figure.append(svg, caption);
  container.append(figure);
}
