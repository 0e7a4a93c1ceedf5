// Classified boards: a newest-first listing behind an "older ads" link; age and number only in
// the ad text, the gender as a category badge, the place on the line under the heading.

import type { SiteAdapter } from './types.ts';

export const natFreeText: SiteAdapter = {
  name: 'nat-free-text',
  description: 'National demo: offset-paged board; age and phone only in the ad text, gender as a badge',
  render: 'http',
  profileUrlPattern: '/ad/\\d+$',
  listing: {
    profileLinks: 'ol.board a.title',
    nextPage: 'a.older',
  },
  profile: {
    externalId: { fromUrl: true, pattern: '/ad/(\\d+)$' },
    fields: {
      title: { selector: 'article.ad h1' },
      gender: { selector: 'article.ad .badge' },
      location: { selector: 'article.ad .place' },
      // The ways ads state an age: "26 år", "Ålder: 26", "(26)", "I am 26", "26 years", "26yo".
      age: {
        selector: 'article.ad .body',
        pattern:
          '(?:ålder|age)\\s*:\\s*(\\d{2})\\b|\\((\\d{2})\\)|\\b(?:jag är|i am)\\s+(\\d{2})\\b|\\b(\\d{2})\\s*(?:år\\b|years\\b|yo\\b)',
      },
      description: { selector: 'article.ad .body' },
    },
    // The sidebar advertises the board's own number; the buyers' reviews under the ad text (review
    // sites) are not the ad's, and age and place come from the ad text alone for the same reason.
    phones: { scope: 'article.ad > :not(.reviews)' },
    // Lazy loading: src is a blank GIF until a script copies data-src over it.
    photo: { selector: 'article.ad img.lazy', attribute: 'data-src' },
  },
};
