import { normalizeOrganization } from '../../jobs/normalize';
import { mappingSchema } from '../../jobs/mapping';
import { loadReference } from '../../server/reference';

const ref = loadReference();
const mapping = mappingSchema.parse({ type: 'organization', fields: { name: 'name', country: 'country', description: 'description' }, defaults: { kind: 'other' } });
const normalize = (fields: Record<string, string>) => normalizeOrganization({ get: (path) => fields[path] }, mapping, ref);

describe('When a feed record carries markup or entities', () => {
  it.each([
    ['AT&amp;T Partnering Desk', 'AT&T Partnering Desk'],
    ['Chambre de Commerce <b>Côte d&#39;Ivoire</b>', "Chambre de Commerce Côte d'Ivoire"],
    ['Desk &lt;script&gt;alert(1)&lt;/script&gt;', 'Desk scriptalert(1)/script'],
    ['Desk<script>alert(1)</script> Nairobi', 'Desk Nairobi'],
    ['Plain & simple', 'Plain & simple'],
  ])('then the name %j is stored as the text %j', (name, stored) => {
    const out = normalize({ name, country: 'CI' });
    expect(out.ok && out.record.name).toBe(stored);
  });

  it('then a description keeps harmless markup and loses what could run', () => {
    const out = normalize({ name: 'Desk', country: 'CI', description: '<p onclick="x()">Helps <b>SMEs</b> <script>steal()</script><a href="javascript:alert(1)">here</a></p>' });
    expect(out.ok && out.record.description).toBe('<p>Helps <b>SMEs</b> <a>here</a></p>');
  });

  it('then plain text is kept as it is, apart from surrounding spaces', () => {
    const out = normalize({ name: '  Kenya Investment Authority ', country: 'KE', description: ' Promotes "green" investment; 100% online. ' });
    expect(out.ok && [out.record.name, out.record.description]).toEqual(['Kenya Investment Authority', 'Promotes "green" investment; 100% online.']);
  });
});
