// Sites with one global listing and a row of numbered page links (?page=N), ad cards, and
// profile pages whose facts are a <dl> of labelled values, Swedish or English.

import type { SiteAdapter } from './types.ts';

export const natNumberedPages: SiteAdapter = {
  name: 'nat-numbered-pages',
  description: 'National demo: numbered listing pages with cards; profile facts in a <dl> (Ålder/Age, Kön/Gender, Ort/Location)',
  render: 'http',
  profileUrlPattern: '/annons/\\d+$',
  listing: {
    profileLinks: '.ad-card a.ad-link',
    listingLinks: '.pagination a.page',
  },
  profile: {
    externalId: [{ label: ['Annons-ID', 'Ad ID'], pattern: '\\d+' }, { fromUrl: true, pattern: '/annons/(\\d+)$' }],
    fields: {
      title: { selector: 'article.annons h1' },
      age: { label: ['Ålder', 'Age'], selector: 'dl.fakta' },
      gender: { label: ['Kön', 'Gender'], selector: 'dl.fakta' },
      location: { label: ['Ort', 'Stad', 'Location'], selector: 'dl.fakta' },
      description: { selector: 'article.annons .beskrivning' },
    },
    // The article is the ad; the footer's support line is the site's, and the buyers' reviews
    // inside the article (review sites) are not the ad's.
    phones: { scope: 'article.annons > :not(.reviews)' },
    photo: { selector: 'article.annons img.ad-photo', attribute: 'src' },
  },
};
