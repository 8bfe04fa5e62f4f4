import type {} from '@fastify/swagger';
import { Problem } from '@bureau/api';
import { Type } from '@sinclair/typebox';

/** Error responses every route documents: RFC 9457 problem details. */
export const problemResponses = { '4xx': Problem, '5xx': Problem } as const;

/** A response without a body (204, 304). */
export const Empty = Type.Null({ description: 'No body.' });
