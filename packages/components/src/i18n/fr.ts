import type { BoardMessages } from './board.fr.js';
import type { ChatMessages } from './chat.fr.js';
import type { DocumentsMessages } from './documents.fr.js';
import type { FilesMessages } from './files.fr.js';
import type { InboxMessages } from './inbox.fr.js';

/**
 * French strings that every element may show (the sign-in state, the no-access sentence): the reference
 * catalogue, in the base element's chunk. Each family's own strings are in its chunk (`chat.fr.ts`…,
 * registered by its elements' `static catalogues`). Every other language is typed against French, so
 * a string missing from a translation is a type error.
 */
export const fr = {
  loading: 'Connexion…',
  signedInAs: (name: string) => `Connecté·e en tant que ${name}`,
  signOut: 'Se déconnecter',
  myData: 'Télécharger mes données',
  myDataFailed: 'Vos données n’ont pas pu être préparées : réessayez plus tard.',
  signingOut: 'Déconnexion…',
  retry: 'Réessayer',
  members: 'Membres',
  noAccess: 'Vous n’êtes pas membre de cet espace, ou ce contenu n’existe plus.',
  noAccessAsk: (contact: string) => `Pour y accéder, adressez-vous à ${contact}.`,
  files: 'Documents',
};
/** The shape of the strings every element may show, in every language. */
export type CommonMessages = typeof fr;
/** The strings of every family: what `this.messages` holds once the element's catalogues are registered. */
export type Messages = CommonMessages & InboxMessages & ChatMessages & BoardMessages & FilesMessages & DocumentsMessages;
