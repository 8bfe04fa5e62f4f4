import type { Kysely } from 'kysely';

// Frozen once released: `Kysely<any>` on purpose, never the live schema type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/**
 * Memberships granted by the identity provider's groups (issue 12, ADR 0018).
 * `memberships.from_groups` is 1 when the groups claim made the membership: such a membership
 * follows the claim (changed or removed when the groups change); 0 when an owner made it by hand.
 */
export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('memberships').addColumn('from_groups', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('memberships').dropColumn('from_groups').execute();
}
