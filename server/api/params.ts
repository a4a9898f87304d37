/** Path parameters: every id in a path is a UUID, answered 400 naming the parameter when it is not. */
import { z } from 'zod';
import { uuidPattern } from '../uuid';

/** A UUID in a path, lowercased as the database stores it. */
export const uuidParam = z
  .string()
  .regex(uuidPattern, 'must be a UUID')
  .transform((v) => v.toLowerCase());

export const idParams = z.object({ id: uuidParam });
