// Sites built like the demo's "fritext" site: one global listing (/annonser?page=N) and ads where
// age, place and number are only written in the ad text; the gender is the category badge.

import type { SiteAdapter } from './types.ts';

export const demoAnnons: SiteAdapter = {
  name: 'demo-annons',
  description: 'Demo: one paginated listing; age, place and phone only in the free text of each ad',
  render: 'http',
  profileUrlPattern: '/a/\\d+/[a-z0-9-]+$',
  listing: {
    profileLinks: 'ol.annonslista a.rubrik',
    nextPage: 'a[rel="next"]',
  },
  profile: {
    externalId: { fromUrl: true, pattern: '/a/(\\d+)/' },
    fields: {
      title: { selector: 'article.annons h1' },
      category: { selector: 'article.annons .kategori' },
      // The ad text is the only place these are stated; the phrases are the site's template
      // wording ("26 år", "24-årig"; "finns i", "bor i", "träffas i", "hittar mig i").
      age: { selector: 'article.annons .annonstext', pattern: '(\\d{1,2}(?:\\s*år|-årig))' },
      location: {
        selector: 'article.annons .annonstext',
        pattern: '(?:finns i|bor i|träffas i|hittar mig i)\\s+([^,.!?\\n]+)',
      },
      posted: { selector: 'article.annons .meta', pattern: '\\d{4}-\\d{2}-\\d{2}' },
      description: { selector: 'article.annons .annonstext' },
    },
    // The sidebar and footer advertise the site's own number; only the ad itself is the profile.
    phones: { scope: 'article.annons' },
  },
};
