import request from 'supertest';
import { read } from './reader';
import { firmsSite, jsonLdOf } from './firms-data';

const site = firmsSite();

const policy = (res: request.Response) =>
  Object.fromEntries(
    String(res.headers['content-security-policy'])
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values.join(' ')]),
  );

describe('When a host site frames the embed page', () => {
  it('then any origin may frame it, and the rest of the content policy still holds', async () => {
    const res = await request(site.t.app).get('/embed?country=GH');
    expect(res.status).toBe(200);
    expect(res.headers['x-frame-options']).toBeUndefined();
    const csp = policy(res);
    expect(csp['frame-ancestors']).toBe('*');
    expect(csp['script-src']).toBe("'self'");
    expect(csp['default-src']).toBe("'self'");
    expect(csp['object-src']).toBe("'none'");
  });

  it('then every other page still refuses to be framed elsewhere', async () => {
    for (const path of ['/', '/search?country=GH', '/countries/GH']) {
      const res = await request(site.t.app).get(path);
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(policy(res)['frame-ancestors']).toBe("'self'");
    }
  });

  it('then it lists the filtered intermediaries and programmes without the site’s header, opening links in the top window', async () => {
    const res = await request(site.t.app).get('/embed?country=GH&sector=C');
    expect(res.text).not.toContain('<header>');
    expect(res.text).not.toContain('<footer');
    expect(res.text).toContain('<h1>Partnering Network: Ghana · C Manufacturing</h1>');
    expect(res.text).toContain(`<a href="/organizations/${site.d.gipc}?lang=en" target="_top">Ghana Investment Promotion Centre</a>`);
    expect(res.text).not.toContain('Empretec Ghana Foundation');
    expect(res.text).toContain('<a href="/search?country=GH&amp;sector=C&amp;lang=en" target="_top">More in the directory</a>');
    expect(res.text.match(/<a href="[^"]*"(?! target="_top")[ >]/g) ?? []).toEqual([]);
    expect(jsonLdOf(res.text)).toMatchObject({ '@type': 'WebPage' });
  });

  it('then ?lang= sets its language, and every link out of the frame keeps it (the frame’s language cookie may never reach the top window)', async () => {
    const res = await request(site.t.app).get('/embed?country=DE&lang=fr');
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('<h1>Partnering Network\u00a0: Allemagne</h1>');
    const $ = read(res.text);
    const links = $('a').map((_, a) => $(a).attr('href')).get();
    expect(links).toContain(`/organizations/${site.d.giz}?lang=fr`);
    expect(links.length).toBeGreaterThan(1);
    expect(links.filter((href) => new URL(href, 'http://x').searchParams.get('lang') !== 'fr')).toEqual([]);
    expect(res.text).toContain('Plus dans l’annuaire');
  });

  it('then bad filters give a 400 page listing each problem, still framable', async () => {
    const res = await request(site.t.app).get('/embed?country=ZZ&sector=Q9&lang=es');
    expect(res.status).toBe(400);
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.text).toContain('<li>País: Elija uno de los valores de la lista.</li>');
    expect(res.text).toContain('<li>Sector: Elija uno de los valores de la lista.</li>');
    expect(res.text).not.toContain('<header>');
  });
});
