// The few behaviours of the demo intranet pages: the snippet shows this server's address, the copy
// button copies it, the person switcher shows who is signed in, and notifications open their room.

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
// Each <bureau-client> of the page tells its session: the indicators are checked once per person.
let insightsFor = null;
document.addEventListener('bureau-session-change', (event) => {
  const userId = event.session?.user.id;
  showSignedIn(userId);
  if (userId === insightsFor) return;
  insightsFor = userId;
  showInsightsTo(userId);
});

// The intranet shows the usage indicators to the space's owners and référents only. The element
// knows who may read them from what the page's other elements already read (the reader's role, the
// space's members: no request of its own), and says so by its state: demo.css shows the panel when
// it is `:state(ready)` (or `:state(failed)`, with its retry button) and keeps it hidden otherwise.
const insightsArea = document.getElementById('indicateurs');
function showInsightsTo(userId) {
  if (insightsArea === null) return;
  insightsArea.querySelector('bureau-insights')?.remove();
  if (userId === undefined) return;
  const insights = document.createElement('bureau-insights');
  insights.setAttribute('space', 'espace-rh-360');
  insightsArea.append(insights);
}
// Pages without <bureau-client> ask the server themselves (it is on this origin in the demo).
if (document.querySelector('bureau-client') === null) {
  const response = await fetch('/v1/session', { credentials: 'same-origin' });
  if (response.ok) showSignedIn((await response.json()).user.id);
  else if (response.status !== 401) console.error('Bureau demo: GET /v1/session answered', response.status);
}

// Espace RH 360 opens the room a notification or a link names (`?room=`), at its message (`&message=`),
// in its thread when it is a reply (`&thread=`).
const discussion = document.getElementById('discussion');
const params = new URLSearchParams(location.search);
const asked = params.get('room');
if (discussion !== null && asked !== null) {
  discussion.setAttribute('room', asked);
  const message = params.get('message');
  if (message !== null) discussion.setAttribute('message', message);
  const thread = params.get('thread');
  if (thread !== null && thread !== '') discussion.setAttribute('thread', thread);
}
// On this page, a notification about a message opens its room here, without reloading.
document.addEventListener('bureau-navigate', (event) => {
  const { target } = event.notification;
  if (discussion === null || target.type !== 'message') return;
  event.preventDefault();
  discussion.setAttribute('room', target.roomId);
  // A reply opens its thread beside the room, at the reply; a message the room at itself.
  discussion.setAttribute('message', target.messageId);
  if (target.threadId === null) discussion.removeAttribute('thread');
  else discussion.setAttribute('thread', target.threadId);
  discussion.scrollIntoView({ block: 'start' });
  discussion.focus();
});
