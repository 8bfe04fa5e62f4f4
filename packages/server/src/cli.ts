#!/usr/bin/env node
import { readCliConfig } from './cli-config.js';
import { startServer } from './server.js';

const config = readCliConfig(process.argv.slice(2), process.env);
if (!config.ok) {
  process.stderr.write(`bureau: ${config.message}\n`);
  process.exit(2);
}

const server = await startServer(config.options);
const { demo } = config.options;
server.app.log.info(`Bureau ${demo ? 'demo ' : ''}listening on ${server.url}${demo ? ' — try /?as=camille' : ''}`);

let stopping = false;
const stop = (signal: NodeJS.Signals): void => {
  if (stopping) return;
  stopping = true;
  server.app.log.info({ signal }, 'shutting down');
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      server.app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    },
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
