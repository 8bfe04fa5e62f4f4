import type { Problem } from '@bureau/api';
import { isBureauError, isHttpError } from '../errors/guards.js';

/** A write method: every one goes through the outbox. */
export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `pending`: waiting or being sent; `failed`: refused by the server, kept until retried or discarded. */
export type OutboxItemState = 'pending' | 'failed';

/** Why an item failed, as stored with it (plain data: it survives a reload). */
export interface OutboxItemError {
  name: string;
  code: string;
  message: string;
  status?: number;
  problem?: Problem;
}

/**
 * One write waiting to reach the server. Persisted before its first attempt with its
 * `Idempotency-Key`, so that replaying it never applies it twice.
 */
export interface OutboxItem {
  /** Stable identity of the write (for `retry`, `discard`, UIs); its first `Idempotency-Key`. */
  id: string;
  /**
   * The `Idempotency-Key` sent: `id` at first, a new one after `retry` of a refused write — the
   * server keeps the refusal under the old key, and a refusal applied nothing.
   */
  idempotencyKey?: string;
  method: WriteMethod;
  /** API path, e.g. `/v1/spaces`. */
  path: string;
  /** The JSON body, kept as the person wrote it, also when the write failed. */
  body?: unknown;
  /** Extra headers to send, e.g. `If-Match`. */
  headers: Record<string, string>;
  createdAt: string;
  /** Replay order. */
  seq: number;
  state: OutboxItemState;
  attempts: number;
  error?: OutboxItemError;
  /** What the write does, for UIs: e.g. `spaces.create`, `spaces.rename`. */
  intent: string;
  /** The resource it concerns, when it exists already (e.g. the space id of a rename). */
  target?: string;
}

/** A write to queue: what a domain service hands the outbox. */
export interface Write {
  method: WriteMethod;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  intent: string;
  target?: string;
}

/** The storable description of a failure. @internal */
export function describeError(error: unknown): OutboxItemError {
  if (isHttpError(error)) {
    return { name: error.name, code: error.code, message: error.message, status: error.status, problem: error.problem };
  }
  if (isBureauError(error)) return { name: error.name, code: error.code, message: error.message };
  if (error instanceof Error) return { name: error.name, code: 'unexpected', message: error.message };
  return { name: 'Error', code: 'unexpected', message: String(error) };
}
