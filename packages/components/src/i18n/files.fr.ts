import type { Catalogue } from './catalogues.js';
import { plural } from './plural.js';

/**
 * French strings of <bureau-files>: in the family's chunk, so that a page loads the strings of the tags it
 * shows only. The reference for the other languages (files.en.ts, a lazy chunk).
 */
export const filesFr = {
  filesNoFolder: 'Aucun dossier choisi.',
  filesBreadcrumb: 'Chemin du dossier',
  filesListView: 'Liste',
  filesGridView: 'Grille',
  filesView: 'Affichage',
  filesSortBy: 'Trier par',
  filesSortName: 'Nom',
  filesSortDate: 'Date',
  filesSortSize: 'Taille',
  filesSortAscending: 'croissant',
  filesSortDescending: 'décroissant',
  filesListHint: 'Flèches pour parcourir, Entrée pour ouvrir, Espace pour sélectionner, F2 pour renommer, Suppr pour supprimer.',
  filesSelected: (count: number) => plural('fr', count, '# élément sélectionné', '# éléments sélectionnés'),
  filesSelect: (name: string) => `Sélectionner ${name}`,
  filesItemSelected: 'sélectionné',
  filesModified: (date: string, author: string) => `Modifié le ${date} par ${author}`,
  filesUpload: 'Déposer des fichiers',
  filesNewFolder: 'Nouveau dossier',
  filesNewFolderName: 'Nom du nouveau dossier',
  filesCreate: 'Créer',
  filesDropZone: 'Glissez des fichiers ici, ou utilisez le bouton « Déposer des fichiers ».',
  filesDropOver: 'Fichiers au-dessus de la zone de dépôt : relâchez pour les déposer.',
  filesDropLeft: 'Fichiers sortis de la zone de dépôt.',
  filesDropped: (names: readonly string[]) =>
    names.length === 1 ? `Fichier déposé : ${names[0]}. Envoi en cours.` : `${names.length} fichiers déposés : ${names.join(', ')}. Envoi en cours.`,
  filesUploads: 'Envois',
  filesUploadProgress: (name: string) => `Envoi de ${name}`,
  filesUploadState: {
    queued: 'En attente',
    uploading: 'Envoi en cours',
    paused: 'En pause',
    offline: 'Connexion perdue : reprise automatique au retour du réseau',
    'needs-file': 'Choisissez à nouveau ce fichier pour reprendre l’envoi',
    complete: 'Envoyé',
    failed: 'Échec de l’envoi',
    cancelled: 'Annulé',
  },
  filesUploadSpeed: (speed: string, left: string) => `${speed}/s, encore ${left}`,
  filesResumedAt: (percent: number) => `Repris à ${percent} %`,
  filesSecondsLeft: (seconds: number) => (seconds < 60 ? `${Math.ceil(seconds)} s` : `${Math.ceil(seconds / 60)} min`),
  filesPause: (name: string) => `Mettre en pause ${name}`,
  filesResume: (name: string) => `Reprendre ${name}`,
  filesCancelUpload: (name: string) => `Annuler l’envoi de ${name}`,
  filesPickAgain: (name: string) => `Choisir à nouveau ${name}`,
  filesUploaded: (name: string) => `${name} a été envoyé.`,
  filesUploadFailed: (name: string, reason: string) => `${name} n’a pas été envoyé : ${reason}`,
  filesOpen: 'Ouvrir',
  filesDownload: 'Télécharger',
  filesPreview: 'Aperçu',
  filesRename: 'Renommer',
  filesRenameLabel: (name: string) => `Nouveau nom pour ${name}`,
  filesMove: 'Déplacer',
  filesDelete: 'Supprimer',
  filesDeleted: (name: string) => `${name} a été mis à la corbeille.`,
  filesUndo: 'Annuler',
  filesRestored: (name: string) => `${name} a été restauré.`,
  filesVersions: 'Versions',
  filesShare: 'Partager',
  filesTrash: 'Corbeille',
  filesTrashLoading: 'Chargement de la corbeille…',
  filesUsage: (used: string, quota: string | null) => (quota === null ? `Espace utilisé : ${used}` : `Espace utilisé : ${used} sur ${quota}`),
  filesClose: 'Fermer',
  filesCancel: 'Annuler',
  filesActions: (name: string) => `Actions pour ${name}`,
  filesReadOnly: 'Lecture seule : votre rôle dans cet espace ne permet pas de déposer ni de modifier des documents.',
  filesActionFailed: (reason: string) => `L’action a échoué : ${reason}`,
  filesSearch: 'Rechercher',
};
/** The shape of these strings in every language. */
export type FilesMessages = typeof filesFr;

/** These strings, French here and the other languages fetched when an element speaks them. */
export const filesCatalogue: Catalogue<FilesMessages> = { fr: filesFr, en: () => import('./files.en.js').then((module) => module.filesEn) };
