import type { Notification } from '@bureau/api';

/** The URL templates of `<bureau-inbox>`, one per kind of target. */
export interface TargetTemplates {
  message: string | undefined;
  card: string | undefined;
}

/**
 * The address of a notification's target: its template with `{spaceId}`, `{roomId}`,
 * `{messageId}`, `{threadId}`, `{boardId}` and `{cardId}` replaced by their URL-encoded values
 * (an unknown or empty placeholder becomes empty). Null when no template covers its kind.
 */
export function targetUrl(notification: Notification, templates: TargetTemplates): string | null {
  const { target } = notification;
  const template = target.type === 'message' ? templates.message : templates.card;
  if (template === undefined || template === '') return null;
  const values: Record<string, string | null> =
    target.type === 'message'
      ? { spaceId: notification.spaceId, roomId: target.roomId, messageId: target.messageId, threadId: target.threadId }
      : { spaceId: notification.spaceId, boardId: target.boardId, cardId: target.cardId };
  return template.replace(/\{(\w+)\}/gu, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}
