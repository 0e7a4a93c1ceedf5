// Sites whose listing continues behind a "load more" button fed by a JSON API, and whose profile
// pages show no number until a "show number" button fetches it. Everything here is data (paths,
// selectors, attributes), so that the same adapter can be written in a sites file.

import type { SiteAdapter } from './types.ts';

export const natLoadMoreJson: SiteAdapter = {
  name: 'nat-load-more-json',
  description: 'National demo: first ads in HTML, the rest from a JSON "load more" API; phones behind "show number" endpoints',
  render: 'http',
  profileUrlPattern: '/annons/\\d+$',
  listing: {
    profileLinks: '.ad-grid a.ad-card__link',
    json: {
      urlPattern: '/api/ads\\?',
      start: { selector: 'button.load-more', attribute: 'data-endpoint' },
      profileUrls: 'items[].url',
      next: { path: 'next', queryParam: 'offset' },
    },
  },
  profile: {
    externalId: { fromUrl: true, pattern: '/annons/(\\d+)$' },
    fields: {
      title: { selector: '.ad__main h1' },
      age: { label: ['Ålder', 'Age'], selector: 'dl.ad__facts' },
      gender: { label: ['Kön', 'Gender'], selector: 'dl.ad__facts' },
      location: { label: ['Ort', 'Location'], selector: 'dl.ad__facts' },
      description: { selector: '.ad__main .ad__text' },
    },
    // The ad's own part: reviews below it name other ages and places, the footer the site's number.
    phones: { scope: '.ad__main', reveal: { selector: '.ad__main button.reveal-phone', attribute: 'data-reveal' } },
    photo: { selector: '.ad__main img.ad__photo', attribute: 'src' },
  },
};
