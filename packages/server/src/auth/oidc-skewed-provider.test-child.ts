/**
 * The test provider on a clock two hours ahead (its own process, so Bureau's clock is untouched):
 * prints its issuer, then serves until killed or until its standard input closes (the test's process
 * is gone, even killed on a timeout: an orphan would hold the test runner's stderr open for ever).
 * Argument: the client registration as JSON.
 */
import { startProvider } from './oidc-testing.js';

const skewMs = 2 * 60 * 60 * 1000;
const realNow = Date.now.bind(Date);
Date.now = () => realNow() + skewMs;
const provider = await startProvider([JSON.parse(process.argv[2] ?? '{}')]);
console.log(provider.issuer);
process.stdin.on('end', () => process.exit(0)).resume();
