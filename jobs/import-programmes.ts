/** How programme records import (Atom desks, peers): directions derived, never read from the feed. */
import { insertProgramme } from '../server/db/entries';
import { updateProgrammeFromFeed } from '../server/db/sync';
import type { Reference } from '../server/reference';
import { deriveDirection } from '../server/reference/direction';
import type { Importer } from './import';
import type { Mapping } from './mapping';
import { normalizeProgramme, programmeHash, type ProgrammeRecord } from './normalize';

export const programmeImporter = (mapping: Mapping, ref: Reference): Importer<ProgrammeRecord> => {
  const values = ({ externalId: _e, ...rest }: ProgrammeRecord) => ({
    ...rest,
    direction: deriveDirection({ origin: rest.originCountries, target: rest.targetCountries, supporters: rest.funderCountries }, ref.statusOf),
  });
  return {
    entityType: 'programme',
    normalize: (raw) => normalizeProgramme(raw, mapping, ref),
    hash: programmeHash,
    update: (tx, id, record, localFields) => updateProgrammeFromFeed(tx, id, values(record), localFields),
    // Programmes from different sources are not matched yet: each new record is a new programme.
    add: async (tx, record) => ({ entityId: await insertProgramme(tx, values(record), []), outcome: 'created' }),
  };
};
