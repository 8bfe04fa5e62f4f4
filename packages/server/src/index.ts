/**
 * The Bureau reference server.
 * @packageDocumentation
 */
export { buildApp } from './app.js';
export { startServer } from './server.js';
export type { RunningServer } from './server.js';
export type { ServerOptions, OidcConfig, BearerConfig } from './options.js';
