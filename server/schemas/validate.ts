import type { z } from 'zod';
import { badRequest, type FieldError } from '../errors';
import { isUuid } from '../uuid';

/** Zod issues as problem+json field errors: `path` is the parameter name or the body field's dot path. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...issue.path, key].join('.'), message: 'unknown parameter' }));
    }
    const path = issue.path.filter((p) => typeof p !== 'number' || issue.path.length === 1).join('.');
    return [{ path: path || '(root)', message: issue.message }];
  });
}

/** Parses `input` with `schema`, or throws a 400 naming every bad field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw badRequest(fieldErrors(result.error));
  return result.data;
}

/** The `id` path parameter, or a 400 when it is not a UUID. */
export function idParam(id: string | string[] | undefined): string {
  return uuidParam(id, 'id');
}

/** A path parameter that must be a UUID, or a 400 naming it. */
export function uuidParam(value: string | string[] | undefined, name: string): string {
  if (typeof value !== 'string' || !isUuid(value)) throw badRequest([{ path: name, message: 'must be a UUID' }]);
  return value.toLowerCase();
}
