/** How organization records import: matched across sources by website or name within a country. */
import { insertOrganizations } from '../server/db/entries';
import { joinNetworks, matchOrganization, updateFromFeed } from '../server/db/sync';
import type { Reference } from '../server/reference';
import type { Importer } from './import';
import type { Mapping } from './mapping';
import { contentHash, normalizeOrganization, type OrganizationRecord } from './normalize';

const values = ({ externalId: _e, ...rest }: OrganizationRecord) => rest;

export const organizationImporter = (mapping: Mapping, ref: Reference): Importer<OrganizationRecord> => ({
  entityType: 'organization',
  normalize: (raw) => normalizeOrganization(raw, mapping, ref),
  hash: contentHash,
  update: (tx, id, record, localFields) => updateFromFeed(tx, id, values(record), localFields),
  async add(tx, record) {
    const match = await matchOrganization(tx, record.name, record.country, record.website);
    if (match) {
      await joinNetworks(tx, match, record.networks);
      return { entityId: match, outcome: 'updated' };
    }
    const [id] = await insertOrganizations(tx, [{ ...values(record), createdBy: null }]);
    if (!id) throw new Error('insert returned no id');
    return { entityId: id, outcome: 'created' };
  },
});
