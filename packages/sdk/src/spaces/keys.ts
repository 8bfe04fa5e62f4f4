/** Cache keys of the spaces domain (`<domain>:<resource>:<id>`). @internal */
export const spaceKeys = {
  list: 'spaces:list:mine',
  space: (spaceId: string) => `spaces:space:${spaceId}`,
  members: (spaceId: string) => `spaces:members:${spaceId}`,
} as const;
