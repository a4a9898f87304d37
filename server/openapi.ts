/** The OpenAPI 3.1 document, built from the route definitions the router serves. */
import { documentOf, type Document } from './api/document';
import type { Route } from './api/route';

/** Builds the OpenAPI document for the server at `basePath`. */
export function openApiDocument(basePath: string, routes: readonly Route[]): Document {
  return documentOf(routes, basePath);
}
