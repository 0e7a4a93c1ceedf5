// Sites whose listing announces the next page only through <link rel="next"> in the head, and
// whose profile facts are label/value span pairs in a list.

import type { SiteAdapter } from './types.ts';

export const natRelNext: SiteAdapter = {
  name: 'nat-rel-next',
  description: 'National demo: listing paged only by <link rel="next">; profile facts as label/value spans',
  render: 'http',
  profileUrlPattern: '/profil/[a-z0-9-]+-\\d+$',
  listing: {
    profileLinks: 'ul.items a.item-link',
    nextPage: 'link[rel="next"]',
  },
  profile: {
    externalId: { fromUrl: true, pattern: '-(\\d+)$' },
    fields: {
      title: { selector: '.profile h1' },
      age: { label: ['Ålder', 'Age'], selector: 'ul.facts' },
      gender: { label: ['Kön', 'Gender'], selector: 'ul.facts' },
      location: { label: ['Plats', 'Ort', 'Location'], selector: 'ul.facts' },
      description: { selector: '.profile .text' },
    },
    // Similar-ads boxes, the footer and the buyers' reviews (review sites) are not the profile.
    phones: { scope: '.profile > :not(.reviews)' },
    // The related-ads box shows other ads; og:image names this one's picture.
    photo: { selector: 'meta[property="og:image"]', attribute: 'content' },
  },
};
