import { isHttpError, type BureauClient } from '@bureau/sdk';

/**
 * Whether a failed read means "this is not yours to see": the server answers 404 alike for a
 * resource that does not exist and for one in a space the person is not a member of (403 when the
 * role does not allow it), so both are shown as the calm no-access sentence, never as an error.
 */
export const isNoAccess = (error: unknown): boolean => isHttpError(error) && (error.status === 404 || error.status === 403);

/**
 * Calls `joined()` when the signed-in person is added to any space, and `left(spaceId)` when they
 * are removed from (or leave) one, until `signal` aborts: an element in the no-access state comes
 * alive without a reload, and one showing a space's content turns to no-access at once.
 */
export function followMembership(
  client: BureauClient,
  signal: AbortSignal,
  joined: () => void,
  left: (spaceId: string | null) => void,
): void {
  let self: string | undefined;
  client.auth.session({ signal }).then(
    (session) => (self = session?.user.id),
    () => undefined /* signed out or offline: no membership to follow */,
  );
  const off = client.stream.subscribe('*', (event) => {
    if (event.type === 'member.added' && event.data.userId === self) joined();
    else if (event.type === 'member.removed' && event.data.userId === self) left(event.spaceId);
  });
  signal.addEventListener('abort', off, { once: true });
}
