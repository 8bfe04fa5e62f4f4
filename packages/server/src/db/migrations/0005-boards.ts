import type { Kysely } from 'kysely';

// Frozen once released: `Kysely<any>` on purpose, never the live schema type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/**
 * Project boards: boards of a space, their labels, columns and cards (ordered by fractional-index
 * `position`, then `id`), card assignees and labels, comments and the activity history. A card's
 * checklist is a JSON array in the card row: it is always read and replaced with its card.
 */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('boards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('boards_space_created').on('boards').columns(['space_id', 'archived', 'created_at', 'id']).execute();

  await db.schema
    .createTable('board_labels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('color', 'text', (c) => c.notNull())
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('board_labels_board').on('board_labels').columns(['board_id', 'ordinal']).execute();

  await db.schema
    .createTable('board_columns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('wip_limit', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('board_columns_order').on('board_columns').columns(['board_id', 'position', 'id']).execute();

  await db.schema
    .createTable('cards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
    .addColumn('column_id', 'text', (c) => c.notNull().references('board_columns.id'))
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('due_date', 'text')
    .addColumn('checklist', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cards_column_order').on('cards').columns(['column_id', 'position', 'id']).execute();
  await db.schema.createIndex('cards_board_order').on('cards').columns(['board_id', 'position', 'id']).execute();

  await db.schema
    .createTable('card_assignees')
    .addColumn('card_id', 'text', (c) => c.notNull().references('cards.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('card_assignees_pk', ['card_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('card_labels')
    .addColumn('card_id', 'text', (c) => c.notNull().references('cards.id').onDelete('cascade'))
    .addColumn('label_id', 'text', (c) => c.notNull().references('board_labels.id').onDelete('cascade'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('card_labels_pk', ['card_id', 'label_id'])
    .execute();
  await db.schema.createIndex('card_labels_label').on('card_labels').column('label_id').execute();

  await db.schema
    .createTable('card_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('card_id', 'text', (c) => c.notNull().references('cards.id').onDelete('cascade'))
    .addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('card_comments_card').on('card_comments').columns(['card_id', 'id']).execute();

  await db.schema
    .createTable('card_activity')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('card_id', 'text', (c) => c.notNull().references('cards.id').onDelete('cascade'))
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('card_activity_card').on('card_activity').columns(['card_id', 'id']).execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of ['card_activity', 'card_comments', 'card_labels', 'card_assignees', 'cards', 'board_columns', 'board_labels', 'boards']) {
    await db.schema.dropTable(table).execute();
  }
}
