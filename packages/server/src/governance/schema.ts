import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/index.js';

/** The governance tables (migration 0012). */
export type GovernanceTables = {
  audit_log: AuditLogTable;
  space_rules: SpaceRulesTable;
  rules_acceptances: RulesAcceptancesTable;
  space_policies: SpacePoliciesTable;
  space_activity: SpaceActivityTable;
  space_downloads: SpaceDownloadsTable;
  data_exports: DataExportsTable;
};

export interface AuditLogTable {
  /** Time-ordered: sorting by id sorts by time. */
  id: string;
  created_at: string;
  /** Who did it; null for the maintenance job. */
  actor_id: string | null;
  /** The space concerned; null for instance-wide actions (an erasure, an export, an instance-wide reading). */
  space_id: string | null;
  action: string;
  /** What it was done to (a person, a rules version…), when there is one. */
  target_id: string | null;
  /** JSON object with the action's particulars; never a person's name. */
  detail: string;
}

export interface SpaceRulesTable {
  space_id: string;
  version: number;
  /** Markdown. */
  text: string;
  created_by: string | null;
  created_at: string;
}

export interface RulesAcceptancesTable {
  space_id: string;
  user_id: string;
  version: number;
  accepted_at: string;
}

export interface SpacePoliciesTable {
  space_id: string;
  erasure: 'pseudonymise' | 'delete';
  message_retention_months: number | null;
  document_retention_months: number | null;
  trash_retention_days: number | null;
}

/** That a person read something in a space in a week (Monday, `YYYY-MM-DD`): nothing more. */
export interface SpaceActivityTable {
  space_id: string;
  week: string;
  user_id: string;
}

export interface SpaceDownloadsTable {
  space_id: string;
  week: string;
  count: number;
}

export interface DataExportsTable {
  id: string;
  user_id: string;
  status: 'preparing' | 'ready' | 'failed';
  /** 0 to 100. */
  progress: number;
  size: number | null;
  created_at: string;
  finished_at: string | null;
}

export type GovernanceDb = Kysely<Database & GovernanceTables>;
export type AuditRow = Selectable<AuditLogTable>;
export type PolicyRow = Selectable<SpacePoliciesTable>;
export type ExportRow = Selectable<DataExportsTable>;

/** The same connection (or transaction) with the governance tables typed. */
export const withGovernance = (db: Kysely<Database>): GovernanceDb => db.withTables<GovernanceTables>();
