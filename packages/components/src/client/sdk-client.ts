// For bureau.js's `createClient` (drop-in.ts): the SDK's client with every domain service, a chunk
// fetched on its first call. It shares the SDK's code with the elements' chunks: one copy per page.
export { createClient } from '@bureau/sdk';
