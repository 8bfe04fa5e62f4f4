/**
 * French strings: the reference catalogue. Every other language is typed against it, so a string
 * missing from a translation is a type error.
 */
export const fr = {
  loading: 'Connexion…',
  signedInAs: (name: string) => `Connecté·e en tant que ${name}`,
  signOut: 'Se déconnecter',
  signingOut: 'Déconnexion…',
  signedOut: "Vous n'êtes pas connecté·e",
  signIn: 'Se connecter',
  devUsers: 'Comptes de démonstration',
  signInAs: (name: string) => `Se connecter en tant que ${name}`,
  unreachable: 'Le service Bureau ne répond pas',
  retry: 'Réessayer',
  signOutFailed: 'La déconnexion a échoué',
  signInFailed: 'La connexion a échoué',
};

/** The shape every catalogue has: the French keys, with the same parameters. */
export type Messages = typeof fr;
