// Which Chromium Kartla launches, and how: the crawler's browser path and the report's PDF printer
// both use the machine's own Chromium (Debian's `chromium`), never a downloaded one.

import { accessSync, constants } from 'node:fs';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * Headless and quiet: no GPU, and none of the background traffic (updates, sync, QUIC probes,
 * first-run pages) a desktop Chromium sends, which on a closed network floods it with refused
 * connections and on an open one tells third parties about the crawl.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The Chromium to launch and where that choice came from, or why there is none. */
export function findChromium(
  settings: { chromium?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
  neededFor = 'browser-rendered sites need it',
): { path: string; problem: string | null } {
  const [path, from] = env.KARTLA_CHROMIUM
    ? [env.KARTLA_CHROMIUM, 'KARTLA_CHROMIUM']
    : settings.chromium
      ? [settings.chromium, 'crawl.chromium in the sites file']
      : [DEFAULT_CHROMIUM, 'the default'];
  try {
    accessSync(path, constants.X_OK);
    return { path, problem: null };
  } catch {
    return {
      path,
      problem:
        `Chromium not found at ${path} (${from}); ${neededFor}: install it with ` +
        '"apt-get install -y chromium", or set KARTLA_CHROMIUM (or crawl.chromium) to a Chromium executable',
    };
  }
}
