import type { Language } from './catalogues.js';
import type { Messages } from './fr.js';

/**
 * Strings of the files dialogs (move, versions, trash, share links), in their lazy chunk: a page
 * where nobody opens them never downloads them.
 */
const fr = {
  filesMoveTitle: (name: string) => `Déplacer ${name}`,
  filesMoveHere: 'Déplacer ici',
  filesVersionsTitle: (name: string) => `Versions de ${name}`,
  filesVersion: (number: number) => `Version ${number}`,
  filesCurrentVersion: 'actuelle',
  filesRestoreVersion: 'Rétablir cette version',
  filesNewVersion: 'Déposer une nouvelle version',
  filesShareTitle: (name: string) => `Lien de partage pour ${name}`,
  filesShareExpiry: 'Date d’expiration',
  filesSharePassword: 'Mot de passe (facultatif, 4 caractères au moins)',
  filesShareCreate: 'Créer le lien',
  filesShareActive: 'Liens actifs',
  filesShareNone: 'Aucun lien actif.',
  filesShareExpires: (date: string) => `Expire le ${date}`,
  filesShareProtected: 'protégé par un mot de passe',
  filesCopy: 'Copier le lien',
  filesCopied: 'Lien copié.',
  filesRevoke: 'Révoquer',
  filesRevoked: 'Lien révoqué.',
  filesTrashTitle: 'Corbeille de l’espace',
  filesTrashEmpty: 'La corbeille est vide.',
  filesTrashMore: 'Afficher plus',
  filesTrashDeleted: (date: string) => `Supprimé le ${date}`,
  filesTrashFolder: 'Dossier, avec son contenu',
  filesTrashRestore: 'Restaurer',
  filesPreviewOpenTab: 'Ouvrir dans un nouvel onglet',
  filesPreviewPdfKeys: 'Le lecteur PDF garde la touche Échap : pour fermer l’aperçu, utilisez le bouton « Fermer » en haut, ou Maj+Tab jusqu’à lui.',
};
export type FilesDialogsMessages = typeof fr;

const en: FilesDialogsMessages = {
  filesMoveTitle: (name) => `Move ${name}`,
  filesMoveHere: 'Move here',
  filesVersionsTitle: (name) => `Versions of ${name}`,
  filesVersion: (number) => `Version ${number}`,
  filesCurrentVersion: 'current',
  filesRestoreVersion: 'Restore this version',
  filesNewVersion: 'Upload a new version',
  filesShareTitle: (name) => `Share link for ${name}`,
  filesShareExpiry: 'Expiry date',
  filesSharePassword: 'Password (optional, at least 4 characters)',
  filesShareCreate: 'Create the link',
  filesShareActive: 'Active links',
  filesShareNone: 'No active link.',
  filesShareExpires: (date) => `Expires on ${date}`,
  filesShareProtected: 'password protected',
  filesCopy: 'Copy the link',
  filesCopied: 'Link copied.',
  filesRevoke: 'Revoke',
  filesRevoked: 'Link revoked.',
  filesTrashTitle: 'Trash of the space',
  filesTrashEmpty: 'The trash is empty.',
  filesTrashMore: 'Show more',
  filesTrashDeleted: (date) => `Deleted on ${date}`,
  filesTrashFolder: 'Folder, with its contents',
  filesTrashRestore: 'Restore',
  filesPreviewOpenTab: 'Open in a new tab',
  filesPreviewPdfKeys: 'The PDF viewer keeps the Escape key: to close the preview, use the “Close” button at the top, or Shift+Tab back to it.',
};

/** The strings a files dialog shows: the catalogue of its language, with the dialogs' own. */
export type FilesDialogsText = Messages & FilesDialogsMessages;

/** `messages` with the dialogs' strings in `language`. */
export const filesDialogsText = (messages: Messages, language: Language): FilesDialogsText => ({
  ...messages,
  ...(language === 'en' ? en : fr),
});
