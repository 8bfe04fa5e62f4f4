/**
 * A name as the directory search compares it: lower case, without accents or other combining
 * marks (« Théo » and « theo », « Inès » and « ines » fold alike). Stored beside each name
 * (`users.search_name`) because neither SQLite nor a stock PostgreSQL folds accents in SQL.
 * @example
 * ```ts
 * foldName('Léa Rousseau'); // 'lea rousseau'
 * ```
 */
export const foldName = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
