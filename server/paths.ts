import fs from 'node:fs';
import path from 'node:path';

/** The folder holding package.json, whether code runs from source (tsx) or from dist/. */
const root = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
})();

export const projectPath = (...parts: string[]) => path.join(root, ...parts);
