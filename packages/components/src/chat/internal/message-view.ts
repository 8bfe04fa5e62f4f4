import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage } from '@bureau/sdk';
import type { Messages } from '../../i18n/fr.js';
import type { Language } from '../../i18n/catalogues.js';
import { formatBytes, formatDate } from '../../i18n/format.js';
import { renderMarkdown } from '../../markdown/render.js';

/** The emoji offered on every message. */
export const quickReactions = ['👍', '❤️', '🎉'] as const;

/** What a message row needs to render and to act. */
export interface MessageContext {
  t: Messages;
  language: Language;
  selfId: string | undefined;
  canWrite: boolean;
  /** True for a space owner, who may delete anyone's message. */
  isOwner: boolean;
  /** Whether the message is shown in a thread (no reply button there). */
  inThread: boolean;
  /** The key of the message being edited, if any. */
  editing: string | undefined;
  nameOf: (userId: string) => string | undefined;
  /** The download URL of a file of the space. */
  fileUrl: (fileId: string) => string;
  react: (message: ChatMessage, emoji: string) => void;
  reply: (message: ChatMessage) => void;
  startEdit: (message: ChatMessage) => void;
  saveEdit: (message: ChatMessage, text: string) => void;
  cancelEdit: (message: ChatMessage) => void;
  askDelete: (message: ChatMessage) => void;
  retry: (message: ChatMessage) => void;
  discard: (message: ChatMessage) => void;
}

const timeFormat: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
/** Times already formatted, by language and timestamp: a message's time is formatted once. */
const times = new Map<string, string>();

function time(message: ChatMessage, language: Language): string {
  const key = `${language}|${message.createdAt}`;
  let text = times.get(key);
  if (text === undefined) {
    text = formatDate(message.createdAt, language, timeFormat);
    if (times.size >= 50_000) times.clear();
    times.set(key, text);
  }
  return text;
}

/**
 * One message: author and time (unless it continues the previous one's group), text rendered
 * from the safe Markdown subset, edited/deleted/pending/failed marks, reactions, and its actions
 * as buttons in the row.
 */
export function renderMessage(message: ChatMessage, continued: boolean, key: string, context: MessageContext): TemplateResult {
  const { t, language } = context;
  const own = message.author.id === context.selfId;
  const deleted = message.deletedAt !== null;
  const parts = ['message', own ? 'message-own' : '', continued ? 'message-continued' : '', message.status !== 'sent' ? `message-${message.status}` : '']
    .filter((part) => part !== '')
    .join(' ');
  return html`
    <article part=${parts} class="message ${continued ? 'continued' : ''} ${message.status}" data-key=${key}>
      <header class=${continued ? 'visually-hidden' : 'meta'}>
        <span part="author" class="author">${message.author.name}</span>
        <time part="time" datetime=${message.createdAt}>${time(message, language)}</time>
      </header>
      ${context.editing === key ? renderEditor(message, context) : renderBody(message, context)}
      ${message.status === 'pending' ? html`<p part="pending" class="pending">${t.chatPending}</p>` : nothing}
      ${message.status === 'failed' ? renderFailure(message, context) : nothing}
      ${!deleted && message.reactions.length > 0 ? renderReactions(message, context) : nothing}
      ${!context.inThread && message.replyCount > 0
        ? html`<button part="thread-button" class="link" type="button" @click=${() => context.reply(message)}>
            ${t.chatReplies(message.replyCount)}
          </button>`
        : nothing}
      ${deleted || context.editing === key ? nothing : renderActions(message, own, context)}
    </article>
  `;
}

function renderBody(message: ChatMessage, context: MessageContext): TemplateResult {
  const { t } = context;
  if (message.deletedAt !== null) return html`<p part="text" class="text deleted">${t.chatDeleted}</p>`;
  return html`
    <div part="text" class="text">
      ${renderMarkdown(message.text, { mentions: new Set(message.mentions), nameOf: context.nameOf, selfId: context.selfId })}
      ${message.editedAt !== null ? html`<span part="edited" class="edited">${t.chatEdited}</span>` : nothing}
    </div>
    ${message.attachments.length === 0 ? nothing : renderAttachments(message, context)}
  `;
}

/** The documents of a message: links with name and size, or a note that one is gone (text only). */
function renderAttachments(message: ChatMessage, { t, language, fileUrl }: MessageContext): TemplateResult {
  return html`<ul part="attachments" class="attachments" aria-label=${t.chatAttachments}>
    ${message.attachments.map(
      (file) => html`<li part="attachment">
        ${file.name === undefined
          ? // A local copy may not know the name yet; a sent message without one points at a file gone since.
            message.status === 'sent'
            ? t.documentUnavailable
            : t.chatAttached
          : html`<a part="attachment-link" href=${fileUrl(file.fileId)} rel="noopener noreferrer">${file.name}</a>
              ${formatBytes(file.size ?? 0, language)}`}
      </li>`,
    )}
  </ul>`;
}

function renderEditor(message: ChatMessage, context: MessageContext): TemplateResult {
  const { t } = context;
  const save = (form: HTMLFormElement) => {
    const field = form.querySelector('textarea') as HTMLTextAreaElement;
    if (field.value.trim() === '') return;
    context.saveEdit(message, field.value);
  };
  return html`
    <form
      part="edit-form"
      class="edit"
      @submit=${(event: Event) => {
        event.preventDefault();
        save(event.currentTarget as HTMLFormElement);
      }}
    >
      <textarea
        part="edit-field"
        aria-label=${t.chatEditLabel}
        .value=${message.text}
        @keydown=${(event: KeyboardEvent) => {
          if (event.isComposing) return;
          if (event.key === 'Escape') {
            event.preventDefault();
            context.cancelEdit(message);
          } else if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            save((event.target as HTMLElement).closest('form') as HTMLFormElement);
          }
        }}
      ></textarea>
      <button part="save-button" class="primary" type="submit">${t.chatSave}</button>
      <button part="cancel-button" type="button" @click=${() => context.cancelEdit(message)}>${t.chatCancel}</button>
    </form>
  `;
}

function renderFailure(message: ChatMessage, context: MessageContext): TemplateResult {
  const { t } = context;
  const reason = message.error?.problem?.detail ?? message.error?.problem?.title ?? message.error?.message ?? '';
  return html`
    <div part="failure" class="failure">
      <p>${t.chatFailed(reason)}</p>
      <button part="retry-button" type="button" @click=${() => context.retry(message)}>${t.retry}</button>
      <button part="discard-button" type="button" @click=${() => context.discard(message)}>${t.chatDiscard}</button>
    </div>
  `;
}

function renderReactions(message: ChatMessage, context: MessageContext): TemplateResult {
  const { t } = context;
  return html`
    <ul part="reactions" class="reactions">
      ${message.reactions.map((reaction) => {
        const mine = context.selfId !== undefined && reaction.userIds.includes(context.selfId);
        const names = reaction.userIds.map((id) => (id === context.selfId ? t.chatYou : context.nameOf(id) ?? id)).join(', ');
        return html`<li>
          <button
            part=${mine ? 'reaction reaction-mine' : 'reaction'}
            type="button"
            aria-pressed=${mine ? 'true' : 'false'}
            aria-label=${t.chatReaction(reaction.emoji, reaction.count, names)}
            ?disabled=${!context.canWrite}
            @click=${() => context.react(message, reaction.emoji)}
          >
            <span aria-hidden="true">${reaction.emoji} ${reaction.count}</span>
          </button>
        </li>`;
      })}
    </ul>
  `;
}

function renderActions(message: ChatMessage, own: boolean, context: MessageContext): TemplateResult | typeof nothing {
  const { t } = context;
  if (!context.canWrite || message.status === 'failed') return nothing;
  // A message not yet accepted has no server id: nothing can be done to it until it has one. A change
  // on its way (edit, reaction) does not stop the next one, which the outbox queues after it.
  const sent = message.localId === undefined || message.id !== message.localId;
  return html`
    <div part="actions" class="actions" role="group" aria-label=${t.chatActions(message.author.name)}>
      ${quickReactions.map(
        (emoji) => html`<button part="react-button" type="button" aria-label=${t.chatReact(emoji)} ?disabled=${!sent} @click=${() => context.react(message, emoji)}>
          <span aria-hidden="true">${emoji}</span>
        </button>`,
      )}
      ${context.inThread ? nothing : html`<button part="reply-button" type="button" ?disabled=${!sent} @click=${() => context.reply(message)}>${t.chatReply}</button>`}
      ${own ? html`<button part="edit-button" type="button" ?disabled=${!sent} @click=${() => context.startEdit(message)}>${t.chatEdit}</button>` : nothing}
      ${own || context.isOwner
        ? html`<button part="delete-button" type="button" ?disabled=${!sent} @click=${() => context.askDelete(message)}>${t.chatDelete}</button>`
        : nothing}
    </div>
  `;
}
