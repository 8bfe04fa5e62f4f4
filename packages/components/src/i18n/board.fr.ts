import type { Catalogue } from './catalogues.js';
import { plural } from './plural.js';

/**
 * French strings of <bureau-board>: in the family's chunk, so that a page loads the strings of the tags it
 * shows only. The reference for the other languages (board.en.ts, a lazy chunk).
 */
export const boardFr = {
  boardLoading: 'Chargement du tableau…',
  boardEmpty: 'Ce tableau n’a pas encore de colonnes.',
  boardLoadFailed: 'Le tableau n’a pas pu être chargé.',
  boardNoBoard: 'Aucun tableau à afficher.',
  boardColumnCount: (count: number, shown = count) => `${shown < count ? `${shown} sur ` : ''}${plural('fr', count, '# carte', '# cartes')}`,
  boardWip: (count: number, limit: number) => `${count} sur ${limit} au maximum`,
  boardWipOver: (count: number, limit: number) => `Limite dépassée : ${plural('fr', count, '# carte', '# cartes')} pour ${limit} au maximum`,
  boardMoreCards: (left: number) => (left === 1 ? 'Afficher la dernière carte' : `Afficher plus de cartes (${left} de plus)`),
  boardEmptyColumn: 'Aucune carte',
  boardCardHint: 'Espace ou Entrée pour saisir la carte, puis flèches pour la déplacer, Espace ou Entrée pour la poser, Échap pour annuler.',
  boardCardLabel: (title: string) => `Carte « ${title} »`,
  boardMoveTo: 'Déplacer vers…',
  boardMoveToLabel: (title: string) => `Déplacer vers… (« ${title} »)`,
  boardMoveTitle: (title: string) => `Déplacer « ${title} »`,
  boardMoveColumn: 'Colonne',
  boardMovePosition: 'Position',
  boardPositionOption: (position: number, total: number) => `${position} sur ${total}`,
  boardMove: 'Déplacer',
  boardCancel: 'Annuler',
  boardLifted: (title: string, column: string, position: number, total: number) =>
    `Carte « ${title} » saisie dans « ${column} », position ${position} sur ${total}. Flèches pour la déplacer, Espace pour la poser, Échap pour annuler.`,
  boardOver: (title: string, column: string, position: number, total: number) => `« ${title} » : « ${column} », position ${position} sur ${total}`,
  boardMoved: (title: string, column: string, position: number, total: number) =>
    `Carte « ${title} » déplacée dans « ${column} », position ${position} sur ${total}`,
  boardMoveCancelled: (title: string) => `Déplacement de « ${title} » annulé`,
  boardMoveFailed: (title: string, reason: string) => `La carte « ${title} » n’a pas pu être déplacée : ${reason}`,
  boardFilters: 'Filtres',
  boardFilterText: 'Rechercher',
  boardFilterAssignee: 'Personne',
  boardFilterLabel: 'Étiquette',
  boardFilterDue: 'Échéance',
  boardFilterAll: 'Toutes',
  boardFilterAnyone: 'Tout le monde',
  boardDueOverdue: 'En retard',
  boardDueWeek: 'Dans les 7 jours',
  boardDueNone: 'Sans échéance',
  boardDue: (date: string) => `Échéance : ${date}`,
  boardChecklistCount: (done: number, total: number) => `Liste : ${done} sur ${total}`,
  boardCommentCount: (count: number) => plural('fr', count, '# commentaire', '# commentaires'),
  boardAllBoards: '← Tous les tableaux',
  boardArchives: 'Archives',
};
/** The shape of these strings in every language. */
export type BoardMessages = typeof boardFr;

/** These strings, French here and the other languages fetched when an element speaks them. */
export const boardCatalogue: Catalogue<BoardMessages> = { fr: boardFr, en: () => import('./board.en.js').then((module) => module.boardEn) };
