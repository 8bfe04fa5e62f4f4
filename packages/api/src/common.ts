import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** Opaque identifier, prefixed by kind (`spc_…`, `usr_…`). */
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

/**
 * The client id of the last write that created or changed a resource: the `Idempotency-Key` that
 * write carried (a UUIDv7 or ULID the client generated, see docs/api/conventions.md), or null when it
 * carried none. A client matches its pending copy of a write with the server's by this id alone.
 */
export const ClientId = Type.Union([Type.String({ minLength: 1, maxLength: 255 }), Type.Null()], {
  description: 'The `Idempotency-Key` of the last write that created or changed this resource, or null.',
});

/** A lone UTF-16 surrogate (half of a pair): not text; JSON can carry one as `\\uD800`. */
const loneSurrogate = String.raw`[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]`;

/**
 * Names people see (spaces, rooms, boards, columns, labels, card titles, files and folders): at
 * least one visible character; no C0 or C1 control characters (NUL included), no bidirectional
 * formatting characters (a file shown as « facexe.txt » could be `fac\u202Etxt.exe`), no lone surrogates.
 */
export const visibleNamePattern =
  String.raw`^(?=[\s\S]*\S)(?![\s\S]*(?:[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|` + loneSurrogate + '))';

/** Free text (messages): any characters but NUL and lone surrogates. */
export const cleanTextPattern = String.raw`^(?![\s\S]*(?:\u0000|` + loneSurrogate + '))';

/** A name people see, of at most `maxLength` characters (see `visibleNamePattern`). */
export const VisibleName = (maxLength: number, options: { description?: string } = {}) =>
  Type.String({ minLength: 1, maxLength, pattern: visibleNamePattern, ...options });

/** RFC 3339 date-time, always UTC. */
export const Timestamp = Type.String({ format: 'date-time' });

/**
 * An RFC 9457 problem details document. `code` is stable and machine-readable;
 * `title` and `detail` are for people and may change.
 */
export const Problem = Type.Object(
  {
    type: Type.String({ description: 'URI of the problem type: `urn:bureau:problem:<code>`.' }),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    code: Type.String({ description: 'Stable machine-readable code, e.g. `not-found`.' }),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          pointer: Type.String({ description: 'JSON Pointer (RFC 6901) to the offending value.' }),
          message: Type.String(),
        }),
      ),
    ),
    retryAfter: Type.Optional(Type.Integer({ minimum: 0, description: 'Seconds, mirrors `Retry-After`.' })),
  },
  { $id: 'Problem', additionalProperties: true },
);
export type Problem = Static<typeof Problem>;

export { problemCodes, type ProblemCode } from './constants.js';

/** Query string of every list endpoint. */
export const PageQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 512 })),
  },
  { additionalProperties: false },
);
export type PageQuery = Static<typeof PageQuery>;

/** A page of a list: `nextCursor` is `null` on the last page. */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
