import type { FastifyRequest } from 'fastify';
import { requireUser } from '../auth/index.js';
import type { UserRow } from '../db/schema.js';
import { ProblemError } from '../http/problem.js';
import type { Services } from '../services.js';

/** True when `userId` is an instance administrator (`admins` option, `BUREAU_ADMINS`). */
export const isAdmin = (services: Pick<Services, 'admins'>, userId: string): boolean => services.admins.has(userId);

/** The signed-in instance administrator, or a 403 problem (401 when signed out). */
export function requireAdmin(request: FastifyRequest, services: Pick<Services, 'admins'>): UserRow {
  const user = requireUser(request);
  if (!isAdmin(services, user.id)) throw new ProblemError('forbidden', 'Only an instance administrator may do this.');
  return user;
}
