/**
 * Whether a string is a UUID in the textual form PostgreSQL accepts (any version, any case),
 * checked before an id reaches a query so a bad one is a 400 or a 404, never a failed cast.
 * Every UUID written by the server, and the nil UUID of CLI writes, passes it; zod's `z.uuid()`
 * in the input schemas accepts a subset of it (RFC 9562 versions and variants).
 */
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => uuidPattern.test(value);
