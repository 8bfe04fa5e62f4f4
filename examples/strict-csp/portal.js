// The portal's own script (a file of its origin: the policy allows no inline script).
const bureauUrl = 'http://127.0.0.1:8080';
const person = new URLSearchParams(location.search).get('as') ?? 'camille';

// Anything the policy blocks is listed on the page (the test reads it; a portal would report it).
document.addEventListener('securitypolicyviolation', (event) => {
  const item = document.createElement('li');
  item.textContent = `${event.violatedDirective}: ${event.blockedURI || event.sample}`;
  document.getElementById('violations').append(item);
});

document.getElementById('bureau').getToken = async () => {
  const response = await fetch(`${bureauUrl}/v1/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: person }),
  });
  if (!response.ok) throw new Error(`Jeton refusé (${response.status})`);
  return response.json();
};

document.addEventListener('bureau-message-send', (event) => {
  document.getElementById('host-log').textContent = `Le portail a vu partir : « ${event.text} »`;
});
