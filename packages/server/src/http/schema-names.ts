import type { FastifyInstance, FastifySchema } from 'fastify';

type Json = unknown;

/** A deep copy of `schema` where every `$id` becomes a `title` (symbol keys such as TypeBox's `Kind` kept). */
export function idsToTitles(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(idsToTitles);
  if (schema === null || typeof schema !== 'object') return schema;
  const source = schema as Record<string | symbol, unknown>;
  const copy: Record<string | symbol, unknown> = {};
  for (const key of Object.keys(source)) {
    if (key === '$id') continue;
    copy[key] = idsToTitles(source[key]);
  }
  for (const key of Object.getOwnPropertySymbols(source)) copy[key] = source[key];
  if (typeof source.$id === 'string' && copy.title === undefined) copy.title = source.$id;
  return copy;
}

/**
 * The contract's named schemas (`Space`, `Member`, `Role`…) carry an `$id`, and a schema may embed
 * one several times (the event union embeds `Member` twice), which the validator and serializer
 * refuse. Routes get copies where the name is a `title` instead; the OpenAPI generator turns
 * titled schemas back into shared components.
 */
export function registerSchemaNames(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (route.schema) route.schema = idsToTitles(route.schema) as FastifySchema;
  });
}
