import type { Insights, InsightsWeek } from '@bureau/api';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { BoardTables } from '../boards/schema.js';
import type { ChatTables } from '../chat/schema.js';
import type { Database } from '../db/index.js';
import type { FileTables } from '../files/schema.js';
import { weekOf, weeksBetween } from './activity.js';
import type { GovernanceTables } from './schema.js';

/** Weeks with fewer active people than this show no figure. */
export const smallCellThreshold = 5;

type AllTables = Database & ChatTables & BoardTables & FileTables & GovernanceTables;

interface Tally {
  active: Set<string>;
  messages: number;
  answerMinutes: number[];
  documentsAdded: number;
  documentsDownloaded: number;
  cardsCreated: number;
  cardsCompleted: number;
  cardsOverdue: number;
}

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return Math.round(value * 10) / 10;
};

function present(week: string, t: Tally): InsightsWeek {
  if (t.active.size < smallCellThreshold) {
    return {
      week,
      suppressed: true,
      activeMembers: null,
      messages: null,
      threadsAnswered: null,
      medianFirstAnswerMinutes: null,
      documentsAdded: null,
      documentsDownloaded: null,
      cardsCreated: null,
      cardsCompleted: null,
      cardsOverdue: null,
    };
  }
  return {
    week,
    suppressed: false,
    activeMembers: t.active.size,
    messages: t.messages,
    threadsAnswered: t.answerMinutes.length,
    medianFirstAnswerMinutes: median(t.answerMinutes),
    documentsAdded: t.documentsAdded,
    documentsDownloaded: t.documentsDownloaded,
    cardsCreated: t.cardsCreated,
    cardsCompleted: t.cardsCompleted,
    cardsOverdue: t.cardsOverdue,
  };
}

/**
 * Weekly usage indicators of one space (or of every space when `spaceId` is null), computed from
 * the content itself and the week-only activity record; see docs/rgpd.md for the definitions.
 * People are counted, never named: what leaves this function has no person in it.
 */
export async function computeInsights(base: Kysely<Database>, spaceId: string | null, from: string, to: string): Promise<Insights> {
  const db = base.withTables<ChatTables & BoardTables & FileTables & GovernanceTables>();
  const weeks = weeksBetween(from, to);
  const tallies = new Map<string, Tally>(
    weeks.map((w) => [
      w,
      { active: new Set(), messages: 0, answerMinutes: [], documentsAdded: 0, documentsDownloaded: 0, cardsCreated: 0, cardsCompleted: 0, cardsOverdue: 0 },
    ]),
  );
  const start = `${weeks[0] ?? weekOf(from)}T00:00:00.000Z`;
  const end = new Date(Date.parse(`${weeks.at(-1) ?? weekOf(to)}T00:00:00Z`) + 7 * 24 * 3600_000).toISOString();
  const tallyAt = (at: string): Tally | undefined => tallies.get(weekOf(at));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const inSpace = <Q extends SelectQueryBuilder<AllTables, any, any>>(query: Q, column: string): Q =>
    (spaceId === null ? query : query.where(column as never, '=', spaceId as never)) as Q;

  const [messages, replies, reactions, versions, reads, downloads, cardEvents, comments, due] = await Promise.all([
    inSpace(db.selectFrom('messages').select(['id', 'author_id', 'thread_id', 'created_at', 'deleted_at']), 'space_id')
      .where('created_at', '>=', start)
      .where('created_at', '<', end)
      .execute(),
    inSpace(db.selectFrom('messages').select(['thread_id']).select((eb) => eb.fn.min('created_at').as('first_reply')), 'space_id')
      .where('thread_id', 'is not', null)
      .where('created_at', '>=', start)
      .groupBy('thread_id')
      .execute(),
    inSpace(db.selectFrom('reactions').innerJoin('messages', 'messages.id', 'reactions.message_id').select(['reactions.user_id', 'reactions.created_at']), 'messages.space_id')
      .where('reactions.created_at', '>=', start)
      .where('reactions.created_at', '<', end)
      .execute(),
    inSpace(db.selectFrom('file_versions').select(['author_id', 'number', 'created_at']), 'space_id')
      .where('created_at', '>=', start)
      .where('created_at', '<', end)
      .execute(),
    inSpace(db.selectFrom('space_activity').select(['week', 'user_id']), 'space_id').where('week', 'in', weeks).execute(),
    inSpace(db.selectFrom('space_downloads').select(['week', 'count']), 'space_id').where('week', 'in', weeks).execute(),
    inSpace(
      db
        .selectFrom('card_activity')
        .innerJoin('cards', 'cards.id', 'card_activity.card_id')
        .innerJoin('boards', 'boards.id', 'cards.board_id')
        .select(['card_activity.actor_id', 'card_activity.kind', 'card_activity.data', 'card_activity.created_at', 'cards.board_id']),
      'boards.space_id',
    )
      .where('card_activity.created_at', '>=', start)
      .where('card_activity.created_at', '<', end)
      .execute(),
    inSpace(
      db.selectFrom('card_comments').innerJoin('boards', 'boards.id', 'card_comments.board_id').select(['card_comments.author_id', 'card_comments.created_at']),
      'boards.space_id',
    )
      .where('card_comments.created_at', '>=', start)
      .where('card_comments.created_at', '<', end)
      .execute(),
    inSpace(db.selectFrom('cards').innerJoin('boards', 'boards.id', 'cards.board_id').select(['cards.board_id', 'cards.column_id', 'cards.due_date']), 'boards.space_id')
      .where('cards.due_date', 'is not', null)
      .where('cards.due_date', '>=', start.slice(0, 10))
      .where('cards.due_date', '<', end.slice(0, 10))
      .execute(),
  ]);

  const boardIds = [...new Set([...cardEvents.map((e) => e.board_id), ...due.map((c) => c.board_id)])];
  const lastColumns = new Map<string, string>();
  if (boardIds.length > 0) {
    const columns = await db.selectFrom('board_columns').select(['board_id', 'id', 'position']).where('board_id', 'in', boardIds).orderBy('position').execute();
    for (const column of columns) lastColumns.set(column.board_id, column.id);
  }

  const firstReplies = new Map(replies.map((r) => [r.thread_id, r.first_reply]));
  for (const m of messages) {
    const t = tallyAt(m.created_at);
    if (!t) continue;
    t.active.add(m.author_id);
    if (m.deleted_at === null) t.messages += 1;
    const first = m.thread_id === null ? firstReplies.get(m.id) : undefined;
    if (first) t.answerMinutes.push((Date.parse(first) - Date.parse(m.created_at)) / 60_000);
  }
  for (const r of reactions) tallyAt(r.created_at)?.active.add(r.user_id);
  for (const v of versions) {
    const t = tallyAt(v.created_at);
    if (!t) continue;
    if (v.author_id !== null) t.active.add(v.author_id);
    if (v.number === 1) t.documentsAdded += 1;
  }
  for (const r of reads) tallies.get(r.week)?.active.add(r.user_id);
  for (const d of downloads) {
    const t = tallies.get(d.week);
    if (t) t.documentsDownloaded += d.count;
  }
  for (const e of cardEvents) {
    const t = tallyAt(e.created_at);
    if (!t) continue;
    t.active.add(e.actor_id);
    if (e.kind === 'created') t.cardsCreated += 1;
    if (e.kind === 'moved' && (JSON.parse(e.data) as { toColumnId?: string }).toColumnId === lastColumns.get(e.board_id)) t.cardsCompleted += 1;
  }
  for (const c of comments) tallyAt(c.created_at)?.active.add(c.author_id);
  const today = new Date().toISOString().slice(0, 10);
  for (const c of due) {
    if (c.due_date === null || c.due_date >= today || c.column_id === lastColumns.get(c.board_id)) continue;
    const t = tallyAt(`${c.due_date}T12:00:00Z`);
    if (t) t.cardsOverdue += 1;
  }

  return { spaceId, from, to, threshold: smallCellThreshold, weeks: weeks.map((w) => present(w, tallies.get(w) as Tally)) };
}
