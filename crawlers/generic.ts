// The generic adapter: for a site with no adapter of its own. Given only start URLs, it works out
// each page from the page itself (src/extract/generic/): which links are profiles, how the listing
// pages on, which endpoints "load more" and "show number" call, and where each fact of an ad is.
// It reads more slowly and less surely than a written adapter; the evidence it gathers
// (src/extract/generic/evidence.ts) is what a probe needs to suggest one.

import { readGenericListing, readGenericProfile } from '../src/extract/generic/index.ts';
import type { SiteAdapter } from './types.ts';

export const generic: SiteAdapter = {
  name: 'generic',
  description: 'Any site, read from page evidence alone (link shapes, pagination words, schema.org, labels); no site-specific spec',
  render: 'http',
  listing: { profileLinks: '' },
  profile: { fields: {} },
  reader: {
    readListing: (body, pageUrl, contentType) => readGenericListing(body, pageUrl, contentType).reading,
    readProfile: (html, pageUrl) => readGenericProfile(html, pageUrl)?.page ?? null,
  },
};
