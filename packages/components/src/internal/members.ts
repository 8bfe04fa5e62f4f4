// The space's members are read with the reader's role (role.ts), in the one chunk that the files,
// the chat, the board and the indicators share: a module of its own here made a chunk of its own
// (one more request and its wrapper on the chat's and the board's pages).
export { membersOf } from './role.js';
