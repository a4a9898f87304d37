/**
 * Builds the browser client into dist/client: hashed files under assets/ and a manifest the
 * server reads once to name the entry in its pages. `base: './'` makes the chunks find each
 * other relative to the entry, so the same build works under any BASE_PATH.
 */
import { defineConfig } from 'vite';
import { worldTopology } from './world-topology.mjs';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  publicDir: false,
  plugins: [worldTopology()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    // Evergreen browsers load modules natively; the polyfill would only add bytes to the first load.
    modulePreload: { polyfill: false },
    rollupOptions: { input: { main: 'src/main.ts' } },
  },
});
