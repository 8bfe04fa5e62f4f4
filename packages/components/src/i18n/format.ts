import type { Language } from './catalogues.js';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A date as people of `language` write it, by default with day, month, year, hours and minutes
 * (`28 nov. 2026, 16:42` in French).
 */
export function formatDate(
  date: Date | string | number,
  language: Language,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' },
): string {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(language, options);
    dateFormats.set(key, format);
  }
  return format.format(new Date(date));
}

const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/**
 * A size in bytes with decimal units, as people of `language` write it (`1,5 Mo` in French,
 * `1.5 MB` in English).
 */
export function formatBytes(bytes: number, language: Language): string {
  if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError(`formatBytes: not a size: ${bytes}`);
  let value = bytes;
  let unitIndex = 0;
  while (value >= 1000 && unitIndex < byteUnits.length - 1) {
    value /= 1000;
    unitIndex += 1;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: byteUnits[unitIndex],
    unitDisplay: 'short',
    maximumFractionDigits: unitIndex === 0 || value >= 100 ? 0 : 1,
  }).format(value);
}
