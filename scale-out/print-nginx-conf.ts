// Prints the nginx site configuration of docs/deploy.md (the one the scale-out tests run, with the
// guide's example addresses): `node --import tsx scale-out/print-nginx-conf.ts`.
import { documentedSite, siteConfig } from './nginx.js';

process.stdout.write(siteConfig(documentedSite));
