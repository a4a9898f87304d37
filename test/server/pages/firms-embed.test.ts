import request from 'supertest';
import { hrefOf, langOf, read, textIn, textsOf } from './reader';
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
    const $ = read(res.text);
    expect($('header, footer').length).toBe(0);
    expect(textIn($, 'h1')).toBe('Partnering Network: Ghana · C Manufacturing');
    expect(hrefOf($, 'Ghana Investment Promotion Centre')).toBe(`/organizations/${site.d.gipc}?lang=en`);
    expect(res.text).not.toContain('Empretec Ghana Foundation');
    expect(hrefOf($, 'More in the directory')).toBe('/search?country=GH&sector=C&lang=en');
    // Every link opens in the top window, not inside the frame.
    expect($('a[href]').length).toBeGreaterThan(1);
    expect($('a[href]').filter((_, a) => $(a).attr('target') !== '_top').length).toBe(0);
    expect(jsonLdOf(res.text)).toMatchObject({ '@type': 'WebPage' });
  });

  it('then ?lang= sets its language, and every link out of the frame keeps it (the frame’s language cookie may never reach the top window)', async () => {
    const res = await request(site.t.app).get('/embed?country=DE&lang=fr');
    const $ = read(res.text);
    expect(langOf($)).toBe('fr');
    expect(textIn($, 'h1')).toBe('Partnering Network\u00a0: Allemagne');
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
    const $ = read(res.text);
    expect(textsOf($, 'main li')).toEqual(expect.arrayContaining(['País: Elija uno de los valores de la lista.', 'Sector: Elija uno de los valores de la lista.']));
    expect($('header').length).toBe(0);
  });
});
