// Old PHP-style sites: a results table (search.php?p=N) linking to profile.php?id=N, profile
// facts in a th/td table with bilingual labels, numbers in data-phone buttons or wa.me links.

import type { SiteAdapter } from './types.ts';

export const natTable: SiteAdapter = {
  name: 'nat-table',
  description: 'National demo: table listing; profile facts table with English/Swedish labels, phone in data-phone or wa.me',
  render: 'http',
  profileUrlPattern: '/profile\\.php\\?id=\\d+$',
  listing: {
    profileLinks: 'table.results a[href*="profile.php"]',
    nextPage: '.pager a.next',
    listingLinks: '.pager a',
  },
  profile: {
    externalId: { fromUrl: true, pattern: '[?&]id=(\\d+)' },
    fields: {
      // The box's own heading: the review section below has an h2 too.
      title: { selector: '.profile-box > h2' },
      age: { label: ['Age', 'Ålder'], selector: 'table.facts' },
      gender: { label: ['Gender', 'Kön'], selector: 'table.facts' },
      location: { label: ['Location', 'Plats', 'Stad', 'Ort'], selector: 'table.facts' },
      description: { selector: '.profile-box .about' },
    },
    // No semantic markup: the support number sits in a plain <div id="footer">, and the buyers'
    // reviews (review sites) inside the profile box are not the ad's.
    phones: { scope: '.profile-box > :not(.reviews)' },
    photo: { selector: '.profile-box #bilder img', attribute: 'src' },
  },
};
