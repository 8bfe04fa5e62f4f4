/**
 * Loopback host names, where plain http is acceptable for local trials: `localhost` and its
 * subdomains (RFC 6761 §6.3), `127.0.0.0/8` and `[::1]`. As `URL.hostname` spells them.
 */
export function isLoopback(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (name === '[::1]') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}
