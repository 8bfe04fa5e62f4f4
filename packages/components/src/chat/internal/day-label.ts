import type { Language } from '../../i18n/catalogues.js';
import { formatDate } from '../../i18n/format.js';

const relative = new Map<Language, Intl.RelativeTimeFormat>();

/**
 * How a day separator reads: « Aujourd’hui », « Hier », else the weekday and date
 * (« jeudi 26 novembre 2026 »), all from `Intl`.
 */
export function dayLabel(day: string, language: Language, now: Date = new Date()): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const then = new Date(year, month - 1, date);
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const days = Math.round((today.getTime() - then.getTime()) / 86_400_000);
  if (days === 0 || days === 1) {
    let format = relative.get(language);
    if (format === undefined) {
      format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
      relative.set(language, format);
    }
    const text = format.format(-days, 'day');
    return text.charAt(0).toLocaleUpperCase(language) + text.slice(1);
  }
  return formatDate(then, language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

