/**
 * The Bureau elements as frameworks see them: for each tag, the properties a host may set and the
 * events it may listen to. The React and Vue typings (`@bureau/components/react`,
 * `@bureau/components/vue`) are made from this one map.
 * @packageDocumentation
 */
import type { BureauBoardElement } from '../board/board.component.js';
import type { BureauCardEditEvent } from '../board/events/card-edit.js';
import type { BureauCardMoveEvent } from '../board/events/card-move.js';
import type { BureauCardOpenEvent } from '../board/events/card-open.js';
import type { BureauBoardOpenEvent } from '../board/events/board-open.js';
import type { BureauChatElement } from '../chat/chat.component.js';
import type { BureauMessageDeleteEvent } from '../chat/events/message-delete.js';
import type { BureauMessageEditEvent } from '../chat/events/message-edit.js';
import type { BureauMessageSendEvent } from '../chat/events/message-send.js';
import type { BureauReactionToggleEvent } from '../chat/events/reaction-toggle.js';
import type { BureauRoomSelectEvent } from '../chat/events/room-select.js';
import type { BureauThreadOpenEvent } from '../chat/events/thread-open.js';
import type { BureauRoomListElement } from '../chat/room-list.component.js';
import type { BureauClientElement } from '../client/client.component.js';
import type { BureauSessionChangeEvent } from '../events/session-change.js';
import type { BureauSignOutEvent } from '../events/sign-out.js';
import type { BureauFileDeleteEvent } from '../files/events/file-delete.js';
import type { BureauFileOpenEvent } from '../files/events/file-open.js';
import type { BureauFileRenameEvent } from '../files/events/file-rename.js';
import type { BureauFolderOpenEvent } from '../files/events/folder-open.js';
import type { BureauUploadCompleteEvent } from '../files/events/upload-complete.js';
import type { BureauFilesElement } from '../files/files.component.js';

/** One element: its class, the properties a host sets (as properties or attributes), its events. */
export interface ElementTypes<E extends HTMLElement, P extends keyof E, A, V> {
  element: E;
  /** Properties, set as properties (objects, functions) by React 19 and Vue alike. */
  properties: Partial<Pick<E, P>>;
  /** Attributes whose names differ from their property (`base-url`). */
  attributes: A;
  events: V;
}

/** Every Bureau tag, under its default name. */
export interface BureauElements {
  'bureau-client': ElementTypes<
    BureauClientElement,
    'baseUrl' | 'theme' | 'getToken' | 'client',
    { 'base-url'?: string },
    { 'bureau-session-change': BureauSessionChangeEvent; 'bureau-sign-out': BureauSignOutEvent }
  >;
  'bureau-chat': ElementTypes<
    BureauChatElement,
    'room' | 'client' | 'theme',
    object,
    {
      'bureau-message-send': BureauMessageSendEvent;
      'bureau-message-edit': BureauMessageEditEvent;
      'bureau-message-delete': BureauMessageDeleteEvent;
      'bureau-reaction-toggle': BureauReactionToggleEvent;
      'bureau-thread-open': BureauThreadOpenEvent;
      'bureau-room-select': BureauRoomSelectEvent;
    }
  >;
  'bureau-room-list': ElementTypes<BureauRoomListElement, 'space' | 'chat' | 'selected' | 'client' | 'theme', object, { 'bureau-room-select': BureauRoomSelectEvent }>;
  'bureau-files': ElementTypes<
    BureauFilesElement,
    'folder' | 'space' | 'view' | 'sort' | 'direction' | 'client' | 'theme',
    object,
    {
      'bureau-file-open': BureauFileOpenEvent;
      'bureau-folder-open': BureauFolderOpenEvent;
      'bureau-file-rename': BureauFileRenameEvent;
      'bureau-file-delete': BureauFileDeleteEvent;
      'bureau-upload-complete': BureauUploadCompleteEvent;
    }
  >;
  'bureau-board': ElementTypes<
    BureauBoardElement,
    'board' | 'client' | 'theme',
    object,
    {
      'bureau-card-move': BureauCardMoveEvent;
      'bureau-card-open': BureauCardOpenEvent;
      'bureau-card-edit': BureauCardEditEvent;
      'bureau-board-open': BureauBoardOpenEvent;
    }
  >;
}
