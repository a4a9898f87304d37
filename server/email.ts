/** The one rule for an e-mail address, shared by feed imports, forms and the API. */
import { z } from 'zod';

export const emailAddress = z.email('must be an e-mail address').max(254, 'at most 254 characters');

/** Whether `value` is an address the directory keeps (feeds drop any other with a warning). */
export const isEmailAddress = (value: string): boolean => emailAddress.safeParse(value).success;
