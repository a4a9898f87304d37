/**
 * The client's entry: it only enhances pages the server already renders whole (search as
 * you type, filters without reloads, suggestions, the world map). Everything works without it.
 */
import { readConfig } from './config';
import { createLiveRegion } from './live';
import { lazyMap } from './map-loader';
import { enhanceFilters, searchAsYouType } from './results';
import { suggestions } from './suggest';

const config = readConfig();
if (config) {
  createLiveRegion();
  const searchPath = `${config.base}/search`;
  const input = document.getElementById('q');
  const onSearchPage = window.location.pathname === searchPath && document.getElementById('results') !== null;
  if (onSearchPage) {
    enhanceFilters(searchPath);
    if (input instanceof HTMLInputElement) searchAsYouType(input);
  } else if (input instanceof HTMLInputElement) {
    suggestions(input, config);
  }
  const map = document.getElementById('world-map');
  if (map) lazyMap(map, config);
}
