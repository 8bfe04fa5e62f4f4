/**
 * Bureau web components. Importing this module defines no tag: import `@bureau/components/client.js`
 * (or `bureau.js` for everything) to define them, or call `register({ prefix })`.
 * @packageDocumentation
 */
export { BureauClientElement } from './client/client.component.js';
export { clientContext } from './internal/context.js';
export { BureauSessionChangeEvent } from './events/session-change.js';
export { BureauSignOutEvent } from './events/sign-out.js';
export { BureauChatElement } from './chat/chat.component.js';
export { BureauRoomListElement } from './chat/room-list.component.js';
export { BureauMessageSendEvent } from './chat/events/message-send.js';
export { BureauMessageEditEvent } from './chat/events/message-edit.js';
export { BureauMessageDeleteEvent } from './chat/events/message-delete.js';
export { BureauReactionToggleEvent } from './chat/events/reaction-toggle.js';
export { BureauRoomSelectEvent } from './chat/events/room-select.js';
export { BureauThreadOpenEvent } from './chat/events/thread-open.js';
export { BureauRoomOpenEvent } from './chat/events/room-open.js';
export { BureauBoardElement } from './board/board.component.js';
export { BureauInsightsElement } from './insights/insights.component.js';
export { BureauCardMoveEvent } from './board/events/card-move.js';
export { BureauCardOpenEvent } from './board/events/card-open.js';
export { BureauCardEditEvent } from './board/events/card-edit.js';
export { BureauBoardOpenEvent } from './board/events/board-open.js';
export { BureauFilesElement } from './files/files.component.js';
export { BureauFileOpenEvent } from './files/events/file-open.js';
export { BureauFolderOpenEvent } from './files/events/folder-open.js';
export { BureauFileRenameEvent } from './files/events/file-rename.js';
export { BureauFileDeleteEvent } from './files/events/file-delete.js';
export { BureauUploadCompleteEvent } from './files/events/upload-complete.js';
export { BureauInboxElement } from './inbox/inbox.component.js';
export { BureauNavigateEvent } from './inbox/events/navigate.js';
export { parseMarkdown, renderMarkdown, safeHref } from './markdown/markdown.js';
export type { MentionOptions } from './markdown/markdown.js';
export { register } from './register.js';
export type { Theme } from './internal/bureau-element.js';
// The SDK's client, so that a page without a bundler gets it from bureau.js (one copy of the SDK).
export { createClient } from '@bureau/sdk';
export type { AccessTokenResult, BureauClient, ClientOptions, GetToken } from '@bureau/sdk';
export type { RegisterOptions } from './register.js';
export { formatBytes, formatDate } from './i18n/format.js';
export { languages, defaultLanguage } from './i18n/catalogues.js';
export type { Language } from './i18n/catalogues.js';
export type { Messages } from './i18n/fr.js';
