/**
 * Everything, with every `bureau-*` tag defined: the typed twin of the drop-in `bureau.js`.
 * @packageDocumentation
 */
export * from './index.js';
import './client/client.js';
import './chat/chat.js';
import './board/board.js';
import './files/files.js';
import './inbox/inbox.js';
import './insights/insights.js';
