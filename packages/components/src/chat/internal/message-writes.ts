import type { ReactiveControllerHost } from 'lit';
import { isHttpError, type BureauClient, type ChatMessage } from '@bureau/sdk';
import type { Attachment, Member } from '@bureau/api';
import { BureauMessageSendEvent } from '../events/message-send.js';
import { BureauMessageEditEvent } from '../events/message-edit.js';
import { BureauMessageDeleteEvent } from '../events/message-delete.js';
import { BureauReactionToggleEvent } from '../events/reaction-toggle.js';
import type { MessageContext } from './message-view.js';
import { messageKey } from './rows.js';

/** The chat element, as the writes see it. */
export interface MessageWritesHost extends ReactiveControllerHost, EventTarget {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface MessageWritesOptions {
  /** The room open, if any. */
  opened(): { client: BureauClient; roomId: string; abort: AbortController } | undefined;
  /** What every message is drawn with, besides its actions. */
  facts(): Pick<MessageContext, 't' | 'language' | 'selfId' | 'canWrite' | 'isOwner' | 'found'> & { members: readonly Member[] };
  /** A message (not a reply) went to the outbox: the list shows the latest messages. */
  sent(): void;
  reply(message: ChatMessage): void;
  /** Reports an unexpected failure unless the room closed meanwhile. */
  report(error: unknown, signal: AbortSignal): void;
}

/**
 * A write the server refused is shown on its message (failed, with the reason and Retry), so an
 * `HttpError` needs nothing more; anything else but a cancellation is unexpected and reported.
 */
export const writeFailed = (error: unknown): void => {
  // A write stays in the outbox when the client closes: its promise is cancelled, not failed.
  if (isHttpError(error) || (error instanceof Error && error.name === 'AbortError')) return;
  reportError(error);
};

/**
 * Everything the reader writes in a room, each through the outbox and each announced to the host
 * page by a cancelable event first: send and reply, edit in place (the focus back on « Modifier »
 * after), delete after the confirmation dialog, reactions, retry or discard of a failed write,
 * and the draft (kept per room) with the typing signal.
 */
export class MessageWrites {
  readonly #host: MessageWritesHost;
  readonly #options: MessageWritesOptions;
  /** The key of the message edited in place, if any. */
  #editing: string | undefined;
  /** The message the delete dialog asks about. */
  #deleting: ChatMessage | undefined;
  #draftWrites: Promise<void> = Promise.resolve();

  constructor(host: MessageWritesHost, options: MessageWritesOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** The room closed: no message is edited any more. */
  reset(): void {
    this.#editing = undefined;
    this.#deleting = undefined;
  }

  /** Sends a message (or a reply), unless the host page cancels `bureau-message-send`. */
  send(text: string, threadId: string | null, attachments: readonly Attachment[]): boolean {
    const opened = this.#options.opened();
    if (opened === undefined || !this.#options.facts().canWrite) return false;
    const fileIds = attachments.map((file) => file.fileId);
    if (!this.#host.dispatchEvent(new BureauMessageSendEvent(opened.roomId, threadId, text, fileIds))) return false;
    const options = { attachments };
    const sending =
      threadId === null ? opened.client.chat.send(opened.roomId, text, options) : opened.client.chat.reply(opened.roomId, threadId, text, options);
    sending.catch(writeFailed);
    if (threadId === null) this.#options.sent();
    return true;
  }

  /** Keeps the draft (one write after the other) and tells the room the reader is typing. */
  draftChanged(text: string): void {
    const opened = this.#options.opened();
    if (opened === undefined) return;
    const { client, roomId, abort } = opened;
    this.#draftWrites = this.#draftWrites
      .then(() => client.chat.drafts.set(roomId, text))
      .catch((error: unknown) => this.#options.report(error, abort.signal));
    if (text.trim() !== '') client.chat.typing.notify(roomId).catch(writeFailed);
  }

  /** What a message (of the list, or of a thread) is drawn with: the facts and the actions. */
  context(inThread: boolean): MessageContext {
    const opened = this.#options.opened();
    const facts = this.#options.facts();
    const host = this.#host;
    return {
      ...facts,
      inThread,
      editing: this.#editing,
      nameOf: (userId) => facts.members.find((member) => member.userId === userId)?.name,
      fileUrl: (fileId) => opened?.client.files.contentUrl(fileId) ?? '',
      react: (message, emoji) => {
        if (opened === undefined || !host.dispatchEvent(new BureauReactionToggleEvent(message.id, emoji))) return;
        opened.client.chat.react(message, emoji).catch(writeFailed);
      },
      reply: (message) => this.#options.reply(message),
      startEdit: (message) => {
        this.#editing = messageKey(message);
        host.requestUpdate();
        void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLTextAreaElement>('[part~="edit-field"]')?.focus());
      },
      saveEdit: (message, text) => {
        this.#stopEditing(message);
        if (opened === undefined || text === message.text || !host.dispatchEvent(new BureauMessageEditEvent(message.id, text))) return;
        opened.client.chat.edit(message.id, text).catch(writeFailed);
      },
      cancelEdit: (message) => this.#stopEditing(message),
      askDelete: (message) => {
        this.#deleting = message;
        host.renderRoot.querySelector<HTMLDialogElement>('dialog[part="delete-dialog"]')?.showModal();
      },
      retry: (message) => {
        if (opened !== undefined && message.writeId !== undefined) opened.client.chat.retry(message.writeId).catch(writeFailed);
      },
      discard: (message) => {
        if (opened !== undefined && message.writeId !== undefined) opened.client.chat.discard(message.writeId).catch(writeFailed);
      },
    };
  }

  /** Leaves the edit form; the focus goes back to the message's Edit button, where it came from. */
  #stopEditing(message: ChatMessage): void {
    const key = messageKey(message);
    this.#editing = undefined;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() =>
      this.#host.renderRoot.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"] [part~="edit-button"]`)?.focus(),
    );
  }

  /** The delete dialog closed: the message goes if the reader confirmed (and the host page agrees). */
  readonly onDeleteClosed = (event: Event): void => {
    const dialog = event.currentTarget as HTMLDialogElement;
    const message = this.#deleting;
    this.#deleting = undefined;
    const opened = this.#options.opened();
    if (dialog.returnValue !== 'delete' || message === undefined || opened === undefined) return;
    if (!this.#host.dispatchEvent(new BureauMessageDeleteEvent(message.id))) return;
    opened.client.chat.delete(message.id).catch(writeFailed);
    // The deleted message loses its buttons: the focus goes to the list rather than to the page.
    this.#host.renderRoot.querySelector<HTMLElement>('.log')?.focus();
  };
}
