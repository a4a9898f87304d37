import { z } from 'zod';

export const duplicatesQuery = z.strictObject({
  status: z.enum(['open', 'merged', 'kept-apart'], 'must be open, merged or kept-apart').default('open'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const duplicateDecision = z
  .strictObject({ decision: z.enum(['merge', 'keep-apart'], 'must be merge or keep-apart') })
  .meta({ id: 'DuplicateDecision' });
