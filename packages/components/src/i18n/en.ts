import type { Messages } from './fr.js';

/** English strings. */
export const en: Messages = {
  loading: 'Connecting…',
  signedInAs: (name: string) => `Signed in as ${name}`,
  signOut: 'Sign out',
  signingOut: 'Signing out…',
  signedOut: 'You are not signed in',
  signIn: 'Sign in',
  devUsers: 'Demo accounts',
  signInAs: (name: string) => `Sign in as ${name}`,
  unreachable: 'The Bureau service is not responding',
  retry: 'Try again',
  signOutFailed: 'Signing out failed',
  signInFailed: 'Signing in failed',
};
