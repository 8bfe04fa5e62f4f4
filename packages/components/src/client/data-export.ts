import type { BureauClient } from '@bureau/sdk';
import type { Language } from '../i18n/catalogues.js';

const strings = {
  fr: {
    preparing: (progress: number) => `Préparation de vos données… ${progress} %`,
    ready: 'Vos données sont prêtes : le téléchargement commence.',
    failed: 'La préparation de vos données a échoué : réessayez plus tard.',
  },
  en: {
    preparing: (progress: number) => `Preparing your data… ${progress}%`,
    ready: 'Your data is ready: the download starts.',
    failed: 'Preparing your data failed: try again later.',
  },
};

/**
 * The person downloads everything Bureau holds about them: the server prepares a ZIP in the
 * background (progress told through `say`), then the browser downloads it. Lazy: loaded on click.
 */
export async function downloadMyData(client: BureauClient, language: Language, say: (text: string) => void): Promise<void> {
  const s = strings[language === 'en' ? 'en' : 'fr'];
  const governance = await client.governance();
  let state = await governance.requestExport();
  // Each status request waits up to 10 s on the server (below the client's 15 s timeout): at most 30 of them.
  for (let round = 0; state.status === 'preparing' && round < 30; round += 1) {
    say(s.preparing(state.progress));
    state = await governance.exportStatus({ waitSeconds: 10 });
  }
  if (state.status !== 'ready') {
    say(s.failed);
    return;
  }
  say(s.ready);
  const link = document.createElement('a');
  link.href = governance.exportUrl();
  link.download = '';
  link.click();
}
