import type { TargetTemplates } from '@bureau/api/links';
import type { DigestConfig } from './digest-routes.js';

type Env = Readonly<Record<string, string | undefined>>;

/** `BUREAU_DIGEST_INTERVAL`: the period in which a person gets at most one digest. */
const digestIntervals: Readonly<Record<string, number>> = { hourly: 3600_000, daily: 86_400_000, weekly: 7 * 86_400_000 };
const units: Readonly<Record<string, number>> = { m: 60_000, h: 3600_000, d: 86_400_000 };
const templateKinds = new Set(['message', 'card', 'file']);

/**
 * The digest's variables: `BUREAU_SMTP_URL` (none: no digest), `BUREAU_DIGEST_FROM`,
 * `BUREAU_DIGEST_INTERVAL` (`hourly`, `daily`, `weekly`), `BUREAU_DIGEST_IDLE` (`30m`, `12h`,
 * `2d`…), `BUREAU_LINK_TEMPLATES` (a JSON object of `message`, `card` and `file` URL templates,
 * each absolute or a path of `BUREAU_PUBLIC_URL`). A bad value is a message for the operator.
 */
export function readDigestEnv(env: Env, publicUrl: string | undefined): { ok: true; digest?: DigestConfig } | { ok: false; message: string } {
  if (!env.BUREAU_SMTP_URL) return { ok: true };
  const interval = env.BUREAU_DIGEST_INTERVAL ?? 'daily';
  const intervalMs = Object.hasOwn(digestIntervals, interval) ? digestIntervals[interval] : undefined;
  if (intervalMs === undefined) return { ok: false, message: `BUREAU_DIGEST_INTERVAL must be hourly, daily or weekly, not "${env.BUREAU_DIGEST_INTERVAL}".` };
  if (!/^smtps?:\/\//.test(env.BUREAU_SMTP_URL)) return { ok: false, message: 'BUREAU_SMTP_URL must be an smtp:// or smtps:// URL.' };
  if (!env.BUREAU_DIGEST_FROM || !publicUrl) return { ok: false, message: 'The e-mail digest (BUREAU_SMTP_URL) needs BUREAU_DIGEST_FROM and BUREAU_PUBLIC_URL.' };
  const digest: DigestConfig = { smtpUrl: env.BUREAU_SMTP_URL, from: env.BUREAU_DIGEST_FROM, intervalMs };
  if (env.BUREAU_DIGEST_IDLE) {
    const match = /^(\d+)\s*([mhd])$/.exec(env.BUREAU_DIGEST_IDLE.trim());
    const idleMs = match ? Number(match[1]) * (units[match[2] ?? ''] ?? 0) : 0;
    if (idleMs <= 0) return { ok: false, message: `BUREAU_DIGEST_IDLE must be minutes, hours or days such as 30m, 12h or 2d, not "${env.BUREAU_DIGEST_IDLE}".` };
    digest.idleMs = idleMs;
  }
  if (env.BUREAU_LINK_TEMPLATES) {
    const links = linkTemplates(env.BUREAU_LINK_TEMPLATES);
    if (links === null) {
      return {
        ok: false,
        message: 'BUREAU_LINK_TEMPLATES must be a JSON object of "message", "card" and "file" URL templates, each https://… or /…, e.g. {"message":"https://intranet.example/rh?room={roomId}&message={messageId}"}.',
      };
    }
    digest.links = links;
  }
  return { ok: true, digest };
}

function linkTemplates(json: string): TargetTemplates | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const links: TargetTemplates = {};
  for (const [kind, template] of Object.entries(parsed)) {
    if (!templateKinds.has(kind) || typeof template !== 'string' || !/^(https?:\/\/|\/)/.test(template)) return null;
    links[kind as keyof TargetTemplates] = template;
  }
  return links;
}
