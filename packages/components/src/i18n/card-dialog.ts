import type { Language } from './catalogues.js';
import type { Messages } from './fr.js';

/** Strings of the board's card dialog, in its lazy chunk: a page where nobody opens a card never downloads them. */
const fr = {
  boardAssignees: 'Personnes assignées',
  boardLabels: 'Étiquettes',
  boardTitle: 'Titre',
  boardDescription: 'Description',
  boardDescriptionHint: 'Gras **texte**, italique *texte*, code `texte`, liens.',
  boardDueDate: 'Échéance',
  boardChecklist: 'Liste de contrôle',
  boardChecklistAdd: 'Ajouter un élément',
  boardChecklistRemove: (text: string) => `Retirer « ${text} »`,
  boardComments: 'Commentaires',
  boardCommentAdd: 'Ajouter un commentaire',
  boardCommentSend: 'Commenter',
  boardSave: 'Enregistrer',
  boardClose: 'Fermer',
  boardSaved: 'Carte enregistrée',
  boardSaveFailed: (reason: string) => `Non enregistré : ${reason}`,
  boardConflict: 'Quelqu’un a modifié les mêmes champs pendant que vous écriviez. Votre texte est conservé ci-dessous ; la version actuelle est affichée à côté.',
  boardConflictTheirs: 'Version actuelle',
  boardConflictKeepMine: 'Garder ma version',
  boardConflictTakeTheirs: 'Reprendre la version actuelle',
  boardChangedRemotely: 'Cette carte a été modifiée par quelqu’un d’autre.',
  boardReadOnly: 'Lecture seule : votre rôle dans cet espace ne permet pas de modifier ce tableau.',
  boardDocumentsNone: 'Aucun document lié.',
  boardDocumentLink: 'Lier un document',
};
export type CardDialogMessages = typeof fr;

const en: CardDialogMessages = {
  boardAssignees: 'Assignees',
  boardLabels: 'Labels',
  boardTitle: 'Title',
  boardDescription: 'Description',
  boardDescriptionHint: 'Bold **text**, italic *text*, code `text`, links.',
  boardDueDate: 'Due date',
  boardChecklist: 'Checklist',
  boardChecklistAdd: 'Add an item',
  boardChecklistRemove: (text) => `Remove “${text}”`,
  boardComments: 'Comments',
  boardCommentAdd: 'Add a comment',
  boardCommentSend: 'Comment',
  boardSave: 'Save',
  boardClose: 'Close',
  boardSaved: 'Card saved',
  boardSaveFailed: (reason) => `Not saved: ${reason}`,
  boardConflict: 'Someone changed the same fields while you were writing. Your text is kept below; the current version is shown beside it.',
  boardConflictTheirs: 'Current version',
  boardConflictKeepMine: 'Keep my version',
  boardConflictTakeTheirs: 'Take the current version',
  boardChangedRemotely: 'Someone else changed this card.',
  boardReadOnly: 'Read only: your role in this space does not allow changing this board.',
  boardDocumentsNone: 'No linked document.',
  boardDocumentLink: 'Link a document',
};

/** The strings the card dialog shows: the catalogue of its language, with the dialog's own. */
export type CardDialogText = Messages & CardDialogMessages;

/** `messages` with the card dialog's strings in `language`. */
export const cardDialogText = (messages: Messages, language: Language): CardDialogText => ({
  ...messages,
  ...(language === 'en' ? en : fr),
});
