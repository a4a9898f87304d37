/**
 * The OpenAPI document is made from the route definitions: it lints clean with Redocly's
 * recommended rules, and every route Express serves under /api/v1 is in it (read from the
 * router itself, so a route added without a definition fails here).
 */
import type { Express } from 'express';
import request from 'supertest';
import { testApp, type TestApp } from '../../support';
import { routesOf } from '../../express-routes';

type Redocly = typeof import('@redocly/openapi-core');
// Redocly ships as ES modules only; this import is not rewritten to require() by the CommonJS build of the tests.
const importRedocly = new Function('name', 'return import(name)') as (name: string) => Promise<Redocly>;


let t: TestApp;
let served: { paths: Record<string, Record<string, { operationId?: string; summary?: string; tags?: string[] }>> };
beforeAll(async () => {
  t = await testApp();
  served = (await request(t.app).get('/api/openapi.json').expect(200)).body as typeof served;
}, 240_000);
afterAll(async () => {
  await t.close();
});

describe('When the OpenAPI document the app serves is linted with Redocly’s recommended rules', () => {
  it('then it has no error', async () => {
    const { createConfig, lintFromString } = await importRedocly('@redocly/openapi-core');
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(served), absoluteRef: 'openapi.json', config });
    const errors = problems.filter((p) => p.severity === 'error');
    const warnings = problems.filter((p) => p.severity === 'warn');
    console.log(`Redocly recommended: ${errors.length} errors, ${warnings.length} warnings (${[...new Set(warnings.map((w) => w.ruleId))].join(', ')})`);
    expect(errors.map((e) => `${e.ruleId}: ${e.message} at ${e.location[0]?.pointer ?? ''}`)).toEqual([]);
  }, 120_000);
});

describe('When the app serves a route under /api/v1', () => {
  it('then the document it serves has that operation, and every operation is served', () => {
    const routes = routesOf(t.app)
      .filter((r) => r.path.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1')}`);
    const documented = Object.entries(served.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
    expect(routes.length).toBeGreaterThan(60);
    expect([...new Set(routes)].filter((r) => !documented.includes(r))).toEqual([]);
    expect(documented.filter((r) => r.includes(' /api/v1/') && !routes.includes(r))).toEqual([]);
  });

  it('then every operation has an operationId, a summary and a tag, and each operationId is its own', () => {
    const operations = Object.values(served.paths).flatMap((item) => Object.values(item));
    const ids = operations.map((o) => o.operationId);
    expect(operations.filter((o) => !o.operationId || !o.summary || !o.tags?.length)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
