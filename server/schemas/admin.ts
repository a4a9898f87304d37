import { z } from 'zod';
import { emailAddress } from '../email';
import { roles } from '../db/enums';

const role = z.enum(roles, `must be one of: ${roles.join(', ')}`);

export const userPatch = z
  .strictObject({
    roles: z.array(role).max(4).optional(),
    organizations: z.array(z.uuid('must be an organization id')).max(50).optional(),
    disabled: z.boolean().optional(),
  })
  .meta({ id: 'UserPatch' });

export const userCreate = z
  .strictObject({
    email: emailAddress,
    password: z.string().max(200),
    name: z.string().trim().max(200).optional(),
    roles: z.array(role).min(1, 'at least one role').max(4),
    organizations: z.array(z.uuid()).max(50).default([]),
  })
  .meta({ id: 'UserCreate' });

export const auditQuery = z.strictObject({
  entityType: z.enum(['organization', 'programme', 'case', 'user', 'token', 'source']).optional(),
  entityId: z.uuid().optional(),
  actor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(100),
});

export const outboxQuery = z.strictObject({
  to: emailAddress.optional(),
  kind: z.string().max(50).optional(),
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(100),
});
