import type { Language } from '../i18n/catalogues.js';
import { plural } from '../i18n/plural.js';

/** The indicators a chart can show, in the order of the table's columns. */
export const metrics = [
  'activeMembers',
  'messages',
  'threadsAnswered',
  'medianFirstAnswerMinutes',
  'documentsAdded',
  'documentsDownloaded',
  'cardsCreated',
  'cardsCompleted',
  'cardsOverdue',
] as const;
export type Metric = (typeof metrics)[number];

const fr = {
  title: 'Indicateurs d’usage',
  loading: 'Chargement des indicateurs…',
  forbidden: 'Seuls les propriétaires et les référents de l’espace consultent ses indicateurs.',
  failed: 'Les indicateurs n’ont pas pu être chargés.',
  retry: 'Réessayer',
  metric: 'Indicateur',
  week: 'Semaine du',
  weekOf: (date: string) => `semaine du ${date}`,
  suppressed: 'masqué',
  suppressedWhy: (n: number) => `Moins de ${n} personnes actives cette semaine : aucun chiffre n’est montré, pour qu’on ne puisse reconnaître personne.`,
  none: '—',
  showTable: 'Afficher le tableau des données',
  hideTable: 'Masquer le tableau des données',
  csv: 'Exporter en CSV',
  tableCaption: (weeks: number) => `Indicateurs par semaine, ${weeks} dernières semaines`,
  summary: (label: string, weeks: number, hidden: number, max: number | null) =>
    `${label} sur ${weeks} semaines${max === null ? '' : `, au plus ${max}`}${hidden > 0 ? ` ; ${plural('fr', hidden, '# semaine masquée', '# semaines masquées')} (moins de 5 personnes actives)` : ''}.`,
  audit: 'Journal des actions',
  showAudit: 'Afficher le journal',
  hideAudit: 'Masquer le journal',
  loadingAudit: 'Chargement du journal…',
  privacy: 'Chiffres agrégés par semaine, jamais par personne ; une semaine de moins de 5 personnes actives n’est pas montrée.',
  labels: {
    activeMembers: 'Membres actifs',
    messages: 'Messages',
    threadsAnswered: 'Fils ayant reçu une réponse',
    medianFirstAnswerMinutes: 'Délai médian de première réponse (minutes)',
    documentsAdded: 'Documents ajoutés',
    documentsDownloaded: 'Documents téléchargés',
    cardsCreated: 'Cartes créées',
    cardsCompleted: 'Cartes terminées',
    cardsOverdue: 'Cartes en retard',
  } satisfies Record<Metric, string>,
};

export type InsightsStrings = typeof fr;

const en: InsightsStrings = {
  title: 'Usage indicators',
  loading: 'Loading the indicators…',
  forbidden: 'Only the owners and référents of the space read its indicators.',
  failed: 'The indicators could not be loaded.',
  retry: 'Retry',
  metric: 'Indicator',
  week: 'Week of',
  weekOf: (date: string) => `week of ${date}`,
  suppressed: 'hidden',
  suppressedWhy: (n: number) => `Fewer than ${n} active people this week: no figure is shown, so that nobody can be recognised.`,
  none: '—',
  showTable: 'Show the data table',
  hideTable: 'Hide the data table',
  csv: 'Export as CSV',
  tableCaption: (weeks: number) => `Indicators per week, last ${weeks} weeks`,
  summary: (label: string, weeks: number, hidden: number, max: number | null) =>
    `${label} over ${weeks} weeks${max === null ? '' : `, at most ${max}`}${hidden > 0 ? `; ${plural('en', hidden, '# week hidden', '# weeks hidden')} (fewer than 5 active people)` : ''}.`,
  audit: 'Audit log',
  showAudit: 'Show the log',
  hideAudit: 'Hide the log',
  loadingAudit: 'Loading the log…',
  privacy: 'Figures are weekly totals, never per person; a week with fewer than 5 active people is not shown.',
  labels: {
    activeMembers: 'Active members',
    messages: 'Messages',
    threadsAnswered: 'Threads answered',
    medianFirstAnswerMinutes: 'Median time to first answer (minutes)',
    documentsAdded: 'Documents added',
    documentsDownloaded: 'Documents downloaded',
    cardsCreated: 'Cards created',
    cardsCompleted: 'Cards completed',
    cardsOverdue: 'Cards overdue',
  },
};

/** The strings of `<bureau-insights>`, in its lazy chunk (both languages: they are short). */
export const insightsStrings = (language: Language): InsightsStrings => (language === 'en' ? en : fr);
