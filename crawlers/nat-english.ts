// English-language directories: card listings paged by a "Next page" button, profile stats as
// label/value div pairs (Age, Gender, City), contact buttons, and a site hotline banner.

import type { SiteAdapter } from './types.ts';

export const natEnglish: SiteAdapter = {
  name: 'nat-english',
  description: 'National demo: English directory; card listing with a next button; stats as label/value div pairs',
  render: 'http',
  profileUrlPattern: '/escorts/[a-z0-9-]+/\\d+$',
  listing: {
    profileLinks: '.escort-card a.name',
    nextPage: 'a.next-page',
  },
  profile: {
    externalId: { fromUrl: true, pattern: '/(\\d+)$' },
    fields: {
      title: { selector: '.escort-profile h1' },
      age: { label: 'Age', selector: '.stats' },
      gender: { label: 'Gender', selector: '.stats' },
      location: { label: ['City', 'Location'], selector: '.stats' },
      description: { selector: '.escort-profile .about' },
    },
    // The "call us" banner above the profile is the site's own line; the reviews inside the
    // profile (review sites) are the buyers'.
    phones: { scope: '.escort-profile > :not(.reviews)' },
    photo: { selector: '.escort-profile .gallery img.main-photo', attribute: 'src' },
  },
};
