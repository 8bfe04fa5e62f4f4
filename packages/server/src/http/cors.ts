import type { FastifyCorsOptions } from '@fastify/cors';

/**
 * CORS for an explicit allow-list of origins, with credentials (cookies) and the Bureau headers. A
 * request from any other origin gets no CORS header at all (not even `Allow-Credentials` or the
 * exposed and allowed header lists): the origin is decided per request, and `false` switches CORS
 * off for it.
 */
export function corsOptions(allowedOrigins: readonly string[]): FastifyCorsOptions {
  const allowed = new Set(allowedOrigins);
  return {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'If-Match', 'If-None-Match', 'X-CSRF-Token', 'Last-Event-ID', 'X-Request-Id',
      // tus 1.0 uploads (/v1/uploads) and share-link passwords
      'Tus-Resumable', 'Upload-Length', 'Upload-Offset', 'Upload-Metadata', 'Upload-Checksum', 'Upload-Defer-Length', 'Upload-Concat', 'X-HTTP-Method-Override', 'X-Share-Password',
      // RFC 7240 `Prefer: wait=N` (a data export's progress)
      'Prefer'],
    exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id', 'Idempotent-Replayed', 'Bureau-Position',
      // tus 1.0 uploads and downloads
      'Tus-Resumable', 'Tus-Version', 'Tus-Extension', 'Tus-Max-Size', 'Tus-Checksum-Algorithm', 'Upload-Offset', 'Upload-Length', 'Upload-Metadata', 'Upload-Expires', 'Bureau-File-Id', 'Bureau-File-Version', 'Content-Disposition', 'Content-Range', 'Accept-Ranges'],
    maxAge: 600,
  };
}
