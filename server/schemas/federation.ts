import { z } from 'zod';

export const changesQuery = z
  .strictObject({
    since: z.string().max(500).optional(),
    limit: z.coerce.number('expected a whole number from 1 to 1000').int().min(1, 'must be at least 1').max(1000, 'must be at most 1000').default(100),
  })
  .meta({ id: 'ChangesQuery' });

export const exportQuery = z.strictObject({ type: z.enum(['organizations', 'programmes'], 'must be organizations or programmes') }).meta({ id: 'ExportQuery' });
