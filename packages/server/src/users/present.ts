import type { User } from '@bureau/api';
import type { UserRow } from '../db/schema.js';

/** A person as others see them: id and name, nothing else. */
export const presentUser = (row: Pick<UserRow, 'id' | 'name'>): User => ({ id: row.id, name: row.name });
