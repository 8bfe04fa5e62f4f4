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

/** Actions whose `target_id` is a person. */
const personTargets: ReadonlySet<string> = new Set<AuditAction>(['member.added', 'member.role-changed', 'member.removed', 'member.referent-changed', 'export.requested', 'person.erased']);

/** Entries in API form, newest first as given; actors' and targets' names are read now (an erased person shows the pseudonym). */
export async function presentAudit(db: Kysely<Database>, rows: readonly AuditRow[]): Promise<AuditEntry[]> {
  const targetOf = (row: AuditRow): string | null => (row.target_id !== null && personTargets.has(row.action) ? row.target_id : null);
  const personIds = [...new Set(rows.flatMap((row) => [row.actor_id, targetOf(row)].filter((id): id is string => id !== null)))];
  const people = personIds.length === 0 ? [] : await db.selectFrom('users').select(['id', 'name']).where('id', 'in', personIds).execute();
  const names = new Map(people.map((a) => [a.id, a.name]));
  const person = (id: string | null) => (id === null ? null : { id, name: names.get(id) ?? id });
  return rows.map((row) => ({
    id: row.id,
    at: row.created_at,
    actor: person(row.actor_id),
    spaceId: row.space_id,
    action: row.action as AuditAction,
    targetId: row.target_id,
    target: person(targetOf(row)),
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  }));
}

/** Deletes entries older than the retention setting. */
export async function pruneAudit(db: Kysely<Database>, retentionDays: number, now = new Date()): Promise<void> {
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 3600_000).toISOString();
  await withGovernance(db).deleteFrom('audit_log').where('created_at', '<', cutoff).execute();
}
