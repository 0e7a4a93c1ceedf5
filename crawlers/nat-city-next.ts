// Sites with one listing per city behind a city menu, each page linking only to the next, and
// profile facts written as "<b>Label:</b> value" lines. The header shows the site's hotline.

import type { SiteAdapter } from './types.ts';

export const natCityNext: SiteAdapter = {
  name: 'nat-city-next',
  description: 'National demo: per-city listings with a "next" link; profile facts as bold-label lines',
  render: 'http',
  profileUrlPattern: '/annons/\\d+\\.html$',
  listing: {
    profileLinks: '.annons-kort a.rubrik',
    nextPage: 'a.nasta',
    // The city menu: every city's first page.
    listingLinks: 'nav.cities a',
  },
  profile: {
    externalId: { fromUrl: true, pattern: '/annons/(\\d+)\\.html$' },
    fields: {
      title: { selector: '.annons h1' },
      age: { label: ['Ålder', 'Age'], selector: '.annons' },
      gender: { label: ['Kön', 'Gender'], selector: '.annons' },
      location: { label: ['Ort', 'City'], selector: '.annons' },
      description: { selector: '.annons .text' },
    },
    // The header's hotline is the site's.
    phones: { scope: '.annons' },
  },
};
