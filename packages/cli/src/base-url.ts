import { isLoopbackHost } from '@org/atlas-ai-keys/defaults';
import { UsageError } from './exit-codes.js';
import { oneLine } from './one-line.js';

/** The value as it may be shown: all before the last "@" (a user name and password) is left out. */
function shown(value: string): string {
  return JSON.stringify(oneLine(value.replace(/^[\s\S]*@/, '…@')).slice(0, 120));
}

/**
 * Checks an Atlas base URL given by `source` (`--base-url`, a variable, a profile's
 * `ops_manager_url`) and returns it; throws a usage error that shows the value and says what is
 * wrong with it: a bad port, plain http beyond this machine, a path, a query, credentials.
 */
export function checkBaseUrl(value: string, source: string): string {
  const fail = (problem: string) => {
    throw new UsageError(`${source} ${shown(value)} ${problem}`);
  };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (scheme !== 'https' && scheme !== 'http') {
    fail('is not an Atlas URL: give one such as https://cloud.mongodb.com');
  }
  const port = /^[a-z]+:\/\/(?:[^/@]*@)?(?:\[[^\]]*\]|[^/:?#]*):(\d*)(?:[/?#]|$)/i.exec(value)?.[1];
  if (port !== undefined && !(Number(port) >= 1 && Number(port) <= 65535)) {
    fail(`has port ${port || '(none)'}, but a port is a number from 1 to 65535`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail('is not a valid URL: give one such as https://cloud.mongodb.com');
  }
  if (url.username || url.password) {
    fail(
      'holds a user name or password: credentials come from the MONGODB_ATLAS_* variables or an Atlas CLI profile',
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    fail(
      `uses plain http beyond this machine, where credentials would cross the network in clear: use https://${url.host}`,
    );
  }
  if (/[?#]/.test(value) || (url.pathname !== '/' && url.pathname !== '')) {
    fail(
      `has a ${/[?#]/.test(value) ? 'query or fragment' : `path (${url.pathname})`}: give the origin alone, ${url.origin}`,
    );
  }
  return value;
}
