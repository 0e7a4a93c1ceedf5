// Sites with one listing per city behind a city menu, each page linking only to the next, and
// profile facts written as "<b>Label:</b> value" lines. The header shows the site's hotline.

import type { SiteAdapter } from './types.ts';

/**
 * The ad's own parts: the buyers' reviews inside it (review sites) name other ages and places,
 * some as "Ålder:"-like lines a label lookup would take.
 */
const AD = '.annons > :not(.reviews)';

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
      age: { label: ['Ålder', 'Age'], selector: AD },
      gender: { label: ['Kön', 'Gender'], selector: AD },
      location: { label: ['Ort', 'City'], selector: AD },
      description: { selector: '.annons .text' },
    },
    // The header's hotline is the site's.
    phones: { scope: AD },
    photo: { selector: '.annons figure.bild img', attribute: 'src' },
  },
};
