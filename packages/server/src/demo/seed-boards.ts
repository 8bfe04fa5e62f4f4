import type { Kysely } from 'kysely';
import { newChecklistItemId, newCommentId, newActivityId } from '../boards/ids.js';
import { firstKeys } from '../boards/placement.js';
import { withBoards } from '../boards/schema.js';
import type { Database } from '../db/index.js';

/** The board of *Espace RH 360*; its ids are stable so that demo pages can embed it. */
export const demoBoard = {
  id: 'espace-rh-360-entretiens-2027',
  columns: {
    todo: 'espace-rh-360-entretiens-a-faire',
    doing: 'espace-rh-360-entretiens-en-cours',
    review: 'espace-rh-360-entretiens-en-validation',
    done: 'espace-rh-360-entretiens-termine',
  },
} as const;

type ColumnKey = keyof typeof demoBoard.columns;
type LabelKey = 'formation' | 'dialogue' | 'calendrier';
type Person = 'karim' | 'camille' | 'lea' | 'ines';

const labels: [LabelKey, string, string][] = [
  ['formation', 'Formation', '#1f6feb'],
  ['dialogue', 'Dialogue social', '#8250df'],
  ['calendrier', 'Calendrier', '#bf8700'],
];

interface SeedCard {
  column: ColumnKey;
  title: string;
  description: string;
  assignees: Person[];
  labels: LabelKey[];
  /** Days after the seeding; null for no due date. */
  due: number | null;
  checklist: [string, boolean][];
  comments?: [Person, string][];
  /** Archived that many days before the seeding: in the board's « Archives », not in its columns. */
  archivedDaysAgo?: number;
}

const cards: SeedCard[] = [
  {
    column: 'todo',
    title: 'Envoyer les convocations aux agents',
    description: 'Convocation individuelle **au moins 8 jours avant** l’entretien, avec le support d’entretien et la fiche de poste.',
    assignees: ['camille'],
    labels: ['calendrier'],
    due: 30,
    checklist: [['Joindre le support d’entretien', false], ['Joindre la fiche de poste à jour', false], ['Vérifier le délai de 8 jours', false]],
  },
  {
    column: 'todo',
    title: 'Saisir les comptes rendus dans le SIRH',
    description: 'Chaque compte rendu signé est saisi dans le SIRH puis versé au dossier de l’agent.',
    assignees: ['camille', 'karim'],
    labels: [],
    due: 95,
    checklist: [['Ouvrir la campagne dans le SIRH', false], ['Relancer les comptes rendus non signés', false]],
  },
  {
    column: 'todo',
    title: 'Informer les agents des voies de recours',
    description: 'Rappeler dans la convocation la demande de révision auprès de l’autorité territoriale (15 jours francs), puis la saisine de la CAP.',
    assignees: ['lea'],
    labels: ['dialogue'],
    due: 28,
    checklist: [],
  },
  {
    column: 'todo',
    title: 'Mettre à jour les fiches de poste',
    description: 'Les encadrants vérifient les fiches de poste de leur équipe avant les entretiens.',
    assignees: ['karim'],
    labels: [],
    due: 25,
    checklist: [['Services techniques', false], ['État civil', true], ['Médiathèque', false]],
  },
  {
    column: 'doing',
    title: 'Former les encadrants à la conduite d’entretien',
    description: 'Demi-journée de formation : la grille d’évaluation, la fixation des objectifs, le volet formation.',
    assignees: ['camille'],
    labels: ['formation'],
    due: 21,
    checklist: [['Réserver la salle du conseil', true], ['Envoyer les invitations', false], ['Préparer le support de formation', false]],
    comments: [['karim', 'La salle du conseil est réservée le vendredi après-midi, de 15 h à 17 h.']],
  },
  {
    column: 'doing',
    title: 'Publier le calendrier des entretiens',
    description: 'Calendrier par service sur l’intranet, du 1er février au 31 mars.',
    assignees: ['karim'],
    labels: ['calendrier'],
    due: 7,
    checklist: [['Recueillir les disponibilités des chefs de service', true], ['Publier sur l’intranet', false]],
  },
  {
    column: 'review',
    title: 'Recueillir l’avis du CST sur la grille d’évaluation',
    description: 'La grille d’évaluation révisée est soumise au comité social territorial pour avis.',
    assignees: ['lea', 'karim'],
    labels: ['dialogue'],
    due: 10,
    checklist: [['Envoyer la grille aux représentants', true], ['Inscrire le point à l’ordre du jour', true], ['Rédiger le relevé d’avis', false]],
    comments: [
      ['lea', 'Les représentants demandent un critère sur la charge de travail.'],
      ['karim', 'Bonne idée : je l’ajoute à la version soumise au CST.'],
    ],
  },
  {
    column: 'done',
    title: 'Mettre à jour le support d’entretien',
    description: 'Nouveau support 2027 : critères du CIA, bilan de l’année, objectifs, besoins de formation.',
    assignees: ['karim'],
    labels: ['formation'],
    due: null,
    checklist: [['Intégrer les critères du CIA', true], ['Relecture par la DGS', true]],
    comments: [['camille', 'Le support est dans le dossier *Entretiens 2027* des fichiers.']],
  },
  {
    column: 'done',
    title: 'Réserver les salles pour les entretiens',
    description: 'Finalement inutile : les entretiens ont lieu dans le bureau de chaque encadrant.',
    assignees: ['camille'],
    labels: ['calendrier'],
    due: null,
    checklist: [],
    archivedDaysAgo: 4,
  },
  {
    column: 'done',
    title: 'Planifier les créneaux avec les chefs de service',
    description: '',
    assignees: ['karim'],
    labels: ['calendrier'],
    due: null,
    checklist: [],
  },
];

const day = (start: number, days: number): string => new Date(start + days * 86_400_000).toISOString().slice(0, 10);

/** Last year's campaign, archived: listed apart by `<bureau-board space="espace-rh-360">`. */
export const archivedDemoBoard = { id: 'espace-rh-360-entretiens-2026', name: 'Campagne d’entretiens professionnels 2026' } as const;

/**
 * Seeds the board *Campagne d’entretiens professionnels 2027* of *Espace RH 360* (first start only),
 * with one archived card, and last year's campaign as an archived board.
 */
export async function seedBoards(trx: Kysely<Database>, start: number): Promise<void> {
  const b = withBoards(trx);
  const created = new Date(start - 15 * 86_400_000).toISOString();
  const now = new Date(start).toISOString();
  await b
    .insertInto('boards')
    .values({ id: demoBoard.id, space_id: 'espace-rh-360', name: 'Campagne d’entretiens professionnels 2027', archived: 0, created_by: 'karim', version: 1, created_at: created, updated_at: created })
    .execute();
  const lastYear = new Date(start - 380 * 86_400_000).toISOString();
  await b
    .insertInto('boards')
    .values({ id: archivedDemoBoard.id, space_id: 'espace-rh-360', name: archivedDemoBoard.name, archived: 1, created_by: 'karim', version: 2, created_at: lastYear, updated_at: created })
    .execute();
  const labelIds = Object.fromEntries(labels.map(([key]) => [key, `${demoBoard.id}-${key}`])) as Record<LabelKey, string>;
  await b
    .insertInto('board_labels')
    .values(labels.map(([key, name, color], ordinal) => ({ id: labelIds[key], board_id: demoBoard.id, name, color, ordinal })))
    .execute();
  const columns: [ColumnKey, string, number | null][] = [['todo', 'À faire', null], ['doing', 'En cours', 3], ['review', 'En validation', null], ['done', 'Terminé', null]];
  const columnKeys = firstKeys(columns.length);
  await b
    .insertInto('board_columns')
    .values(columns.map(([key, name, wipLimit], i) => ({ id: demoBoard.columns[key], board_id: demoBoard.id, name, position: columnKeys[i] as string, wip_limit: wipLimit, version: 1, created_at: created, updated_at: created })))
    .execute();
  for (const [key] of columns) {
    const inColumn = cards.filter((card) => card.column === key);
    const keys = firstKeys(inColumn.length);
    for (const [i, card] of inColumn.entries()) await seedCard(trx, { card, position: keys[i] as string, start, created, now, labelIds });
  }
}

async function seedCard(
  trx: Kysely<Database>,
  o: { card: SeedCard; position: string; start: number; created: string; now: string; labelIds: Record<LabelKey, string> },
): Promise<void> {
  const b = withBoards(trx);
  const { card } = o;
  const id = `crd_demo_${card.title.normalize('NFD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 40)}`;
  const comments = card.comments ?? [];
  await b
    .insertInto('cards')
    .values({
      id,
      board_id: demoBoard.id,
      column_id: demoBoard.columns[card.column],
      position: o.position,
      title: card.title,
      description: card.description,
      due_date: card.due === null ? null : day(o.start, card.due),
      checklist: JSON.stringify(card.checklist.map(([text, done]) => ({ id: newChecklistItemId(), text, done }))),
      comment_count: comments.length,
      created_by: 'karim',
      version: 1 + comments.length,
      created_at: o.created,
      updated_at: o.now,
      archived_at: card.archivedDaysAgo === undefined ? null : new Date(o.start - card.archivedDaysAgo * 86_400_000).toISOString(),
    })
    .execute();
  if (card.assignees.length > 0) {
    await b.insertInto('card_assignees').values(card.assignees.map((userId, ordinal) => ({ card_id: id, user_id: userId, ordinal }))).execute();
  }
  if (card.labels.length > 0) {
    await b.insertInto('card_labels').values(card.labels.map((label, ordinal) => ({ card_id: id, label_id: o.labelIds[label], ordinal }))).execute();
  }
  await b
    .insertInto('card_activity')
    .values({ id: newActivityId(), card_id: id, actor_id: 'karim', kind: 'created', data: JSON.stringify({ columnId: demoBoard.columns.todo }), created_at: o.created })
    .execute();
  if (card.archivedDaysAgo !== undefined) {
    const at = new Date(o.start - card.archivedDaysAgo * 86_400_000).toISOString();
    await b.insertInto('card_activity').values({ id: newActivityId(), card_id: id, actor_id: 'karim', kind: 'archived', data: '{}', created_at: at }).execute();
  }
  for (const [i, [author, text]] of comments.entries()) {
    const at = new Date(o.start - (comments.length - i) * 3_600_000).toISOString();
    const commentId = newCommentId();
    await b.insertInto('card_comments').values({ id: commentId, card_id: id, board_id: demoBoard.id, author_id: author, text, created_at: at }).execute();
    await b
      .insertInto('card_activity')
      .values({ id: newActivityId(), card_id: id, actor_id: author, kind: 'commented', data: JSON.stringify({ commentId }), created_at: at })
      .execute();
  }
}
