import type { Notification } from './notifications.js';

/**
 * Where a host shows each kind of notification target: one URL template per kind, with `{spaceId}`,
 * `{roomId}`, `{messageId}`, `{threadId}`, `{boardId}`, `{cardId}`, `{folderId}` and `{fileId}`.
 * `<bureau-inbox>` takes them as its `message-href`, `card-href` and `file-href` attributes; the
 * server takes the same ones (`BUREAU_LINK_TEMPLATES`) for the links of its e-mail digest.
 * A module of its own, without TypeBox, so that browser code may import it.
 */
export interface TargetTemplates {
  message?: string | undefined;
  card?: string | undefined;
  file?: string | undefined;
}

/**
 * The address of a notification's target: its template with the placeholders replaced by their
 * URL-encoded values (an unknown or empty placeholder becomes empty). Null when no template covers
 * its kind.
 *
 * @example
 * targetUrl(notification, { message: '/espace-rh?room={roomId}&message={messageId}' });
 * // → '/espace-rh?room=roo_1&message=msg_2'
 */
export function targetUrl(notification: Pick<Notification, 'spaceId' | 'target'>, templates: TargetTemplates): string | null {
  const { target } = notification;
  const template = templates[target.type];
  if (template === undefined || template === '') return null;
  const values: Record<string, string | null> =
    target.type === 'message' ? { spaceId: notification.spaceId, roomId: target.roomId, messageId: target.messageId, threadId: target.threadId }
    : target.type === 'card' ? { spaceId: notification.spaceId, boardId: target.boardId, cardId: target.cardId }
    : { spaceId: notification.spaceId, folderId: target.folderId, fileId: target.fileId };
  return template.replace(/\{(\w+)\}/gu, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}
