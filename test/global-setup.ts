/**
 * Tests run against the pages as users get them, script included: build the browser client
 * when its sources changed since the last build (a fresh clone, an edited source), as
 * `npm start` does.
 */
import path from 'node:path';
import { buildIfChanged, projectParts } from '../scripts/build';

export default function buildClient(): void {
  buildIfChanged(path.resolve(__dirname, '..'), projectParts.filter((p) => p.name === 'client'), { log: () => undefined });
}
