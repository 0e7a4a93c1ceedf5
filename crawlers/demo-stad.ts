// Sites built like the demo's "per stad" site: one listing per city (/stad/<slug>?sida=N) behind
// a city menu, profile cards, and profile pages whose facts are a <dl> of labelled values.

import type { SiteAdapter } from './types.ts';

export const demoStad: SiteAdapter = {
  name: 'demo-stad',
  description: 'Demo: per-city listings with cards; profile facts in a <dl> (Ålder, Kön, Stad, Telefon)',
  render: 'http',
  profileUrlPattern: '/annons/[a-z0-9-]+-\\d+$',
  listing: {
    profileLinks: '.kort a.kort-lank',
    nextPage: 'a[rel="next"]',
    // The city menu and the page numbers: every city's listing, every page of it.
    listingLinks: 'nav.stader a, nav.sidor a',
  },
  profile: {
    externalId: [{ label: 'Annons-ID', pattern: '\\d+' }, { fromUrl: true, pattern: '-(\\d+)$' }],
    fields: {
      title: { selector: 'article.profil h1' },
      age: { label: 'Ålder' },
      gender: { label: 'Kön' },
      location: { label: ['Stad', 'Ort'] },
      price: { label: 'Pris' },
      hours: { label: 'Tider' },
      posted: { selector: '.publicerad', pattern: '\\d{4}-\\d{2}-\\d{2}' },
      description: { selector: 'article.profil .beskrivning' },
    },
    // The article holds the profile; the page footer holds the site's customer-service number.
    phones: { scope: 'article.profil' },
  },
};
