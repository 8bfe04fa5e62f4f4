import { randomBytes } from 'node:crypto';
import type { AuditAction, AuditEntry } from '@bureau/api';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { withGovernance, type AuditRow } from './schema.js';

/** One thing to record: who (null: the maintenance job) did what, in which space, to what. */
export interface AuditInput {
  actorId: string | null;
  spaceId: string | null;
  action: AuditAction;
  targetId?: string | null;
  /** Particulars (counts, roles, versions); never a person's name, which the log reads from `users`. */
  detail?: Record<string, unknown>;
}

const newAuditId = (now: number): string => `aud_${now.toString(36).padStart(9, '0')}${randomBytes(9).toString('base64url')}`;

/**
 * Records an administrative action in the audit log. Call it inside the transaction that makes the
 * change (pass the transaction as `db`), so that the entry exists exactly when the change does.
 * Membership code (adding, removing, changing roles) calls this as well.
 */
export async function recordAudit(db: Kysely<Database>, entry: AuditInput): Promise<void> {
  const now = new Date();
  await withGovernance(db)
    .insertInto('audit_log')
    .values({
      id: newAuditId(now.getTime()),
      created_at: now.toISOString(),
      actor_id: entry.actorId,
      space_id: entry.spaceId,
      action: entry.action,
      target_id: entry.targetId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}

/** Entries in API form, newest first as given; actors' names are read now (an erased actor shows the pseudonym). */
export async function presentAudit(db: Kysely<Database>, rows: readonly AuditRow[]): Promise<AuditEntry[]> {
  const actorIds = [...new Set(rows.flatMap((row) => (row.actor_id === null ? [] : [row.actor_id])))];
  const actors = actorIds.length === 0 ? [] : await db.selectFrom('users').select(['id', 'name']).where('id', 'in', actorIds).execute();
  const names = new Map(actors.map((a) => [a.id, a.name]));
  return rows.map((row) => ({
    id: row.id,
    at: row.created_at,
    actor: row.actor_id === null ? null : { id: row.actor_id, name: names.get(row.actor_id) ?? row.actor_id },
    spaceId: row.space_id,
    action: row.action as AuditAction,
    targetId: row.target_id,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  }));
}

/** Deletes entries older than the retention setting. */
export async function pruneAudit(db: Kysely<Database>, retentionDays: number, now = new Date()): Promise<void> {
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 3600_000).toISOString();
  await withGovernance(db).deleteFrom('audit_log').where('created_at', '<', cutoff).execute();
}
