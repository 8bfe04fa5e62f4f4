import type { ProblemCode } from '@bureau/api';

/**
 * A sentence for every problem code of the API (`problemCodes` in `@bureau/api`), in French and
 * English: what a person reads when the server refuses something, never the server's English
 * `detail` or `title`. `problems.test.ts` checks that every code the server can send is here.
 */
export const problemsFr: Record<ProblemCode, string> = {
  'bad-request': 'La demande n’a pas été comprise.',
  'invalid-cursor': 'La liste a changé : rechargez-la depuis le début.',
  'malformed-json': 'La demande n’a pas été comprise.',
  'validation-failed': 'Une valeur saisie n’est pas acceptée : vérifiez le champ.',
  'unsupported-media-type': 'Ce type de contenu n’est pas accepté.',
  'payload-too-large': 'C’est trop volumineux.',
  unauthenticated: 'Votre session a expiré : reconnectez-vous.',
  'sign-in-failed': 'La connexion n’a pas abouti : réessayez.',
  gone: 'Ce téléversement n’existe plus : recommencez-le.',
  'checksum-mismatch': 'Le fichier est arrivé abîmé : renvoyez-le.',
  'csrf-failed': 'Votre session a expiré : rechargez la page.',
  forbidden: 'Votre rôle dans cet espace ne le permet pas.',
  'not-found': 'Cet élément n’existe plus, ou vous n’êtes plus membre de l’espace.',
  'range-not-satisfiable': 'Cette partie du fichier n’existe pas : téléchargez-le en entier.',
  'method-not-allowed': 'Cette action n’est pas possible ici.',
  conflict: 'Ce n’est pas possible dans l’état actuel.',
  'precondition-failed': 'Quelqu’un d’autre l’a modifié entre-temps.',
  'idempotency-key-reused': 'Cette action a déjà été envoyée autrement.',
  'idempotency-in-progress': 'Cette action est encore en cours.',
  'rate-limited': 'Trop de demandes : réessayez dans un instant.',
  internal: 'Le service a rencontré une erreur : réessayez plus tard.',
  unavailable: 'Le service est momentanément indisponible.',
};

export const problemsEn: Record<ProblemCode, string> = {
  'bad-request': 'The request was not understood.',
  'invalid-cursor': 'The list changed: reload it from the start.',
  'malformed-json': 'The request was not understood.',
  'validation-failed': 'A value entered is not accepted: check the field.',
  'unsupported-media-type': 'This type of content is not accepted.',
  'payload-too-large': 'This is too large.',
  unauthenticated: 'Your session expired: sign in again.',
  'sign-in-failed': 'Sign-in did not complete: try again.',
  gone: 'This upload no longer exists: start it again.',
  'checksum-mismatch': 'The file arrived damaged: send it again.',
  'csrf-failed': 'Your session expired: reload the page.',
  forbidden: 'Your role in this space does not allow it.',
  'not-found': 'This no longer exists, or you are no longer a member of the space.',
  'range-not-satisfiable': 'This part of the file does not exist: download the whole file.',
  'method-not-allowed': 'This action is not possible here.',
  conflict: 'This is not possible in the current state.',
  'precondition-failed': 'Someone else changed it in the meantime.',
  'idempotency-key-reused': 'This action was already sent differently.',
  'idempotency-in-progress': 'This action is still in progress.',
  'rate-limited': 'Too many requests: try again in a moment.',
  internal: 'The service ran into an error: try again later.',
  unavailable: 'The service is unavailable for a moment.',
};
