/**
 * The base class of every error the SDK throws. `code` is stable and machine-readable: the problem
 * `code` of the server for {@link HttpError}s, or one of the SDK's own codes (`network`, `timeout`,
 * `offline`).
 *
 * @example
 * ```ts
 * try {
 *   await client.spaces.get('spc_x');
 * } catch (error) {
 *   if (isBureauError(error)) console.warn(error.code);
 *   else throw error;
 * }
 * ```
 */
export class BureauError extends Error {
  override name = 'BureauError';
  /** Stable machine-readable code. */
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
