// The synthetic national web in a process of its own, so that a crawl benchmark's process (and
// its CPU profile and memory) holds Kartla alone; on 2 cores the web answers from the other one.
// Started by bench/crawl.ts through fork(): it takes the web's options as JSON in argv[2], sends
// the sites once they listen, and answers 'urls' with every URL requested since the last 'urls'.

import { startNationalWeb, type NationalWebOptions } from '../src/demo/national/server.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as NationalWebOptions;
let requested = new Set<string>();
const web = await startNationalWeb({ ...options, onRequest: (url) => requested.add(url) });

process.on('message', (message) => {
  if (message === 'urls') {
    process.send!({ urls: [...requested] });
    requested = new Set();
  } else if (message === 'close') {
    void web.close().then(() => process.exit(0));
  }
});
process.on('disconnect', () => void web.close().then(() => process.exit(0)));
process.send!({ sites: web.sites, profiles: web.world.profiles.length, collisionNumbers: web.world.collisionNumbers });
