import type { CommonMessages } from './fr.js';

/** English strings that every element may show (the families' own are in `chat.en.ts`…). */
export const en: CommonMessages = {
  loading: 'Connecting…',
  signedInAs: (name: string) => `Signed in as ${name}`,
  signOut: 'Sign out',
  myData: 'Download my data',
  myDataFailed: 'Your data could not be prepared: try again later.',
  signingOut: 'Signing out…',
  retry: 'Try again',
  members: 'Members',
  noAccess: 'You are not a member of this space, or this content no longer exists.',
  noAccessAsk: (contact: string) => `To get access, ask ${contact}.`,
  files: 'Documents',
};
