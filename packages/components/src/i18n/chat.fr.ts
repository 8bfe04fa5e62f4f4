import type { Catalogue } from './catalogues.js';
import { plural } from './plural.js';

/**
 * French strings of <bureau-chat> and <bureau-room-list>: in the family's chunk, so that a page loads the strings of the tags it
 * shows only. The reference for the other languages (chat.en.ts, a lazy chunk).
 */
export const chatFr = {
  chatNoRoom: 'Choisissez un salon pour afficher ses messages.',
  chatLog: (room: string) => `Messages de ${room}`,
  chatLoading: 'Chargement des messages…',
  chatEmpty: 'Aucun message pour l’instant : écrivez le premier.',
  chatLoadFailed: 'Les messages n’ont pas pu être chargés.',
  chatOlder: 'Messages plus anciens',
  chatLoadingOlder: 'Chargement des messages plus anciens…',
  chatNewMessages: 'Nouveaux messages',
  chatComposerLabel: (room: string) => `Message pour ${room}`,
  chatReplyLabel: 'Votre réponse dans le fil',
  chatComposerHint: 'Entrée pour envoyer, Maj+Entrée pour aller à la ligne. Tapez @ pour mentionner quelqu’un.',
  chatSend: 'Envoyer',
  chatArchived: 'Ce salon est archivé : on peut le relire, mais plus y écrire.',
  chatArchivedBadge: 'Archivé',
  chatOnlineShort: (count: number) => `${count} en ligne`,
  chatOnline: (count: number, names: string) => `${plural('fr', count, '# personne en ligne', '# personnes en ligne')} : ${names}`,
  chatReadOnly: 'Lecture seule : votre rôle dans cet espace ne permet pas d’écrire.',
  chatEdited: '(modifié)',
  chatDeleted: 'Message supprimé',
  chatPending: 'Envoi en cours…',
  chatFailed: (reason: string) => `Non envoyé : ${reason}`,
  chatDiscard: 'Abandonner',
  chatReact: (emoji: string) => `Réagir avec ${emoji}`,
  chatReaction: (emoji: string, count: number, names: string) => `${emoji} ${count} : ${names}`,
  chatReply: 'Répondre',
  chatReplies: (count: number) => plural('fr', count, '# réponse', '# réponses'),
  chatEdit: 'Modifier',
  chatEditLabel: 'Modifier le message',
  chatSave: 'Enregistrer',
  chatDelete: 'Supprimer',
  chatDeleteTitle: 'Supprimer ce message ?',
  chatDeleteExplain: 'Il sera remplacé par « Message supprimé » pour tout le monde. Les réponses restent.',
  chatThread: 'Fil de discussion',
  chatCloseThread: 'Fermer le fil',
  chatTyping: (names: readonly string[]) =>
    names.length === 1 ? `${names[0]} écrit…` : names.length === 2 ? `${names[0]} et ${names[1]} écrivent…` : 'Plusieurs personnes écrivent…',
  chatOffline: 'Hors ligne : vos messages partiront dès le retour du réseau.',
  chatMentions: 'Personnes à mentionner',
  chatActions: (author: string) => `Actions sur le message de ${author}`,
  chatYou: 'Vous',
  chatAttach: 'Joindre un document',
  chatAttachments: 'Documents joints',
  chatAttached: 'Document joint',
  roomList: 'Salons',
  roomListLoading: 'Chargement des salons…',
  roomListEmpty: 'Aucun salon dans cet espace.',
  roomListArchived: 'Salons archivés',
  roomListFailed: 'Les salons n’ont pas pu être chargés.',
  roomUnread: (count: number) => plural('fr', count, '# message non lu', '# messages non lus'),
  roomMentions: (count: number) => plural('fr', count, '# mention', '# mentions'),
  chatSearch: 'Rechercher',
  chatSearchHint: 'Rechercher dans les messages (/ ou Ctrl+K)',
  chatSearchScope: 'Où chercher',
  chatSearchRoom: 'Ce salon',
  chatSearchSpace: 'Tout l’espace',
  chatFound: (author: string, date: string) => `Message de ${author} du ${date}, affiché avec les messages qui l’entourent.`,
  chatFoundMissing: 'Ce message ne peut pas être affiché ici (supprimé, ou réponse dans un fil) : voici les derniers messages du salon.',
};
/** The shape of these strings in every language. */
export type ChatMessages = typeof chatFr;

/** These strings, French here and the other languages fetched when an element speaks them. */
export const chatCatalogue: Catalogue<ChatMessages> = { fr: chatFr, en: () => import('./chat.en.js').then((module) => module.chatEn) };
