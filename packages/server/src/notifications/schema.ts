import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/index.js';

/** Tables of migration 0011-notifications (see there for what each column keeps and why). */
export type NotificationTables = {
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  notification_digests: NotificationDigestsTable;
};

/** Migration 0015: one row per person and digest period, claimed by the instance that sends it. */
export interface NotificationDigestsTable {
  user_id: string;
  period: string;
  token_hash: string;
  sent_at: string | null;
  created_at: string;
}

export interface NotificationsTable {
  /** Time-ordered: sorting by id sorts by creation. */
  id: string;
  user_id: string;
  space_id: string;
  kind: 'mention' | 'reply' | 'assigned' | 'due' | 'version';
  actor_id: string | null;
  place: string;
  excerpt: string;
  /** JSON of the API's `NotificationTarget`. */
  target: string;
  target_id: string;
  created_at: string;
  read_at: string | null;
  emailed_at: string | null;
}

export interface NotificationPreferencesTable {
  user_id: string;
  kinds: string;
  muted: string;
  digest: number;
  /** The language chosen for the person's mails (migration 0019); null follows `users.locale`. */
  language: 'fr' | 'en' | null;
  updated_at: string;
}

export type NotificationRow = Selectable<NotificationsTable>;
export type NotificationsDb = Kysely<Database & NotificationTables>;

/** The same connection (or transaction) with the notification tables typed. */
export const withNotifications = (db: Kysely<Database>): NotificationsDb => db.withTables<NotificationTables>();
