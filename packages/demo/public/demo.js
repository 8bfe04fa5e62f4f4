// The few behaviours of the demo intranet pages: the snippet shows this server's address, the copy
// button copies it, and the person switcher shows who is signed in.

for (const origin of document.querySelectorAll('[data-origin]')) {
  origin.textContent = location.origin;
}

// The versioned address of bureau.js and its Subresource Integrity hash (Intégrer page).
if (document.querySelector('[data-bundle-integrity]') !== null) {
  const response = await fetch('/bureau.json');
  if (response.ok) {
    const { src, integrity } = await response.json();
    for (const each of document.querySelectorAll('[data-bundle-src]')) each.textContent = src;
    for (const each of document.querySelectorAll('[data-bundle-integrity]')) each.textContent = integrity;
  } else {
    console.error('Bureau demo: GET /bureau.json answered', response.status);
  }
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
function showSignedIn(userId) {
  if (switcher === null) return;
  const known = [...switcher.options].some((option) => option.value === userId);
  switcher.value = known ? userId : '';
}
document.addEventListener('bureau-session-change', (event) => showSignedIn(event.session?.user.id));
// Pages without <bureau-client> ask the server themselves (it is on this origin in the demo).
if (document.querySelector('bureau-client') === null) {
  const response = await fetch('/v1/session', { credentials: 'same-origin' });
  if (response.ok) showSignedIn((await response.json()).user.id);
  else if (response.status !== 401) console.error('Bureau demo: GET /v1/session answered', response.status);
}
