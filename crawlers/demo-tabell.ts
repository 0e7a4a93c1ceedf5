// Sites built like the demo's "tabell" site: a table listing (search.php?p=N) linking to
// profile.php?id=N, and profile pages with a facts table in mixed English/Swedish labels and
// the number behind a "show number" button (data-phone) or a WhatsApp link.

import type { SiteAdapter } from './types.ts';

export const demoTabell: SiteAdapter = {
  name: 'demo-tabell',
  description: 'Demo: table listing; profile facts table with English/Swedish labels, phone in data-phone or wa.me',
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
      title: { selector: '.profile-box h2' },
      age: { label: ['Age', 'Ålder'], selector: 'table.facts' },
      gender: { label: ['Gender', 'Kön'], selector: 'table.facts' },
      location: { label: ['Location', 'Plats', 'Stad', 'Ort'], selector: 'table.facts' },
      price: { label: ['Price', 'Pris'], selector: 'table.facts' },
      hours: { label: ['Hours', 'Tider'], selector: 'table.facts' },
      posted: { selector: '.profile-box .updated', pattern: '\\d{4}-\\d{2}-\\d{2}' },
      description: { selector: '.profile-box .about' },
    },
    // No semantic markup on this site: the support number sits in a plain <div id="footer">,
    // so the profile box is named explicitly.
    phones: { scope: '.profile-box' },
  },
};
