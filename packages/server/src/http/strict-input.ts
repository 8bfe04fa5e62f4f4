import type { FastifyInstance } from 'fastify';
import { ProblemError } from './problem.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const wholeNumber = /^[0-9]+$/;

/**
 * What the schemas cannot say about the raw request: a JSON body must be UTF-8 (RFC 8259), not
 * bytes quietly turned into U+FFFD; `limit` in a query string is written as a whole number (the
 * query conversion would turn `2.5` into 2).
 */
export function registerStrictInput(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new ProblemError('malformed-json', 'The body is not UTF-8: JSON is sent as UTF-8.'), undefined);
      return;
    }
    parseJson(request, text, done);
  });
  app.addHook('preValidation', (request, _reply, done) => {
    const limit = (request.query as Record<string, unknown> | undefined)?.limit;
    if (typeof limit === 'string' && !wholeNumber.test(limit)) {
      done(
        new ProblemError('validation-failed', 'The querystring does not match the schema.', {
          errors: [{ pointer: '/limit', message: 'Must be a whole number' }],
        }),
      );
      return;
    }
    done();
  });
}
