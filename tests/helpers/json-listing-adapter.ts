// A site whose listing is a start page plus a JSON "load more" API (`/api/ads?offset=..`), as the
// JSON-listing extraction and crawl tests describe it.

import type { ListingSpec } from '../../crawlers/types.ts';

export const JSON_PROFILE_URL_PATTERN = '/annons/\\d+$';

export const JSON_LISTING: ListingSpec = {
  profileLinks: '.grid a.card',
  json: {
    urlPattern: '/api/ads\\?',
    start: { selector: 'button.load-more', attribute: 'data-endpoint' },
    profileUrls: 'items[].url',
    next: { path: 'next', queryParam: 'offset' },
  },
};
