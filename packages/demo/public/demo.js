// The few behaviours of the demo intranet pages: the snippet shows this server's address, the copy
// button copies it, and the person switcher shows who is signed in.

for (const origin of document.querySelectorAll('[data-origin]')) {
  origin.textContent = location.origin;
}

for (const button of document.querySelectorAll('[data-copy]')) {
  button.addEventListener('click', async () => {
    const source = document.getElementById(button.dataset.copy);
    const status = button.parentElement?.querySelector('[data-copy-status]');
    if (source === null || status === null || status === undefined) return;
    try {
      await navigator.clipboard.writeText(source.textContent ?? '');
      status.textContent = 'Extrait copié dans le presse-papiers.';
    } catch (error) {
      status.textContent = 'La copie a échoué : sélectionnez l’extrait et copiez-le au clavier (Ctrl+C).';
      console.error('Copie impossible', error);
    }
  });
}

const switcher = document.querySelector('.switcher select');
document.addEventListener('bureau-session-change', (event) => {
  const userId = event.session?.user.id;
  if (switcher === null || userId === undefined) return;
  if ([...switcher.options].some((option) => option.value === userId)) switcher.value = userId;
});
