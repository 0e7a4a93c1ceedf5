// Feeds that load more ads as HTML fragments behind an opaque cursor ("show more" links with a
// no-script href), and profile pages with a column-header facts table and call buttons whose
// data-number holds the phone.

import type { SiteAdapter } from './types.ts';

export const natInfiniteScroll: SiteAdapter = {
  name: 'nat-infinite-scroll',
  description: 'National demo: cursor-paged feed fragments; profile facts in a column-header table, phones in data-number',
  render: 'http',
  profileUrlPattern: '/p/\\d+/$',
  listing: {
    profileLinks: '.feed a.post-link',
    nextPage: 'a.load-more',
  },
  profile: {
    externalId: { fromUrl: true, pattern: '/p/(\\d+)/$' },
    fields: {
      title: { selector: '.ad-view h1' },
      age: { label: ['Ålder', 'Age'], selector: 'table.specs' },
      gender: { label: ['Kön', 'Gender'], selector: 'table.specs' },
      location: { label: ['Stad', 'City'], selector: 'table.specs' },
      description: { selector: '.ad-view .ad-text' },
    },
    // The buyers' reviews inside the ad (review sites) are not the ad's.
    phones: { scope: '.ad-view > :not(.reviews)' },
    photo: { selector: '.ad-view picture.cover img', attribute: 'src' },
  },
};
