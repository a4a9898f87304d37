/**
 * The layers of README.md's "Code layout", checked on every test run: dependency-cruiser with the
 * rules of .dependency-cruiser.cjs (the check `npm run lint:layers` runs), and madge for import
 * cycles, a second opinion with its own resolver.
 */
import path from 'node:path';
import madge from 'madge';
import type { ICruiseOptions, ICruiseResult, IViolation } from 'dependency-cruiser';

const root = path.resolve(__dirname, '..');
const cruised = ['server', 'jobs', 'scripts'];
const configFile = path.join(root, '.dependency-cruiser.cjs');
const tsConfigFile = path.join(root, 'tsconfig.json');

// dependency-cruiser ships only ES modules, which Jest's CommonJS require cannot load; a native import can.
const importEsm = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;

type Api = typeof import('dependency-cruiser');
type Extractor<T> = { default: (fileName: string) => T };

async function cruiseOptions(): Promise<ICruiseOptions> {
  const { default: extract } = await importEsm<Extractor<Promise<ICruiseOptions>>>('dependency-cruiser/config-utl/extract-depcruise-options');
  return { ...(await extract(configFile)), baseDir: root };
}

/** One line per violation: the rule, then the import (or the cycle) that breaks it. */
function readable(v: IViolation): string {
  const chain = v.cycle?.length ? [v.from, ...v.cycle.map((m) => m.name)] : [v.from, v.to];
  return `${v.rule.name}: ${chain.join(' → ')}`;
}

/** The `knownCycles` of the config's no-circular rule: patterns of modules whose cycles are tolerated for now. */
function knownCycles(options: ICruiseOptions): RegExp[] {
  const rule = options.ruleSet?.forbidden?.find((r) => r.name === 'no-circular');
  const via = rule && 'to' in rule && 'via' in rule.to ? rule.to.via : undefined;
  const pathNot = typeof via === 'object' && !Array.isArray(via) ? via.pathNot : undefined;
  return (pathNot === undefined ? [] : Array.isArray(pathNot) ? pathNot : [pathNot]).map((p) => new RegExp(p));
}

describe('When the code is checked against its layers', () => {
  let options: ICruiseOptions;
  beforeAll(async () => {
    options = await cruiseOptions();
  });

  it('then dependency-cruiser finds no import that breaks a rule of .dependency-cruiser.cjs', async () => {
    const { cruise } = await importEsm<Api>('dependency-cruiser');
    const { default: extractTsConfig } = await importEsm<Extractor<unknown>>('dependency-cruiser/config-utl/extract-ts-config');
    const { output } = await cruise(cruised, options, {}, { tsConfig: extractTsConfig(tsConfigFile) });
    const result = output as ICruiseResult;
    expect(result.summary.totalCruised).toBeGreaterThan(200);
    expect(result.summary.violations.map(readable)).toEqual([]);
  }, 180_000);

  it('then madge finds no import cycle beyond the known ones the config lists', async () => {
    const known = knownCycles(options);
    const graph = await madge(cruised.map((dir) => path.join(root, dir)), { baseDir: root, fileExtensions: ['ts'], tsConfig: tsConfigFile });
    const cycles = graph.circular().filter((cycle) => !cycle.every((module) => known.some((k) => k.test(module))));
    expect(cycles.map((cycle) => cycle.join(' → '))).toEqual([]);
  }, 180_000);
});
