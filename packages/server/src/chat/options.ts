/** Options of the chat routes (`ServerOptions.chat`). */
export interface ChatOptions {
  /** Messages one person may send per window; 30 per 10 s by default. */
  sendRateLimit?: { max: number; windowMs: number };
}

export const chatDefaults = {
  sendRateLimit: { max: 30, windowMs: 10_000 },
} as const;
