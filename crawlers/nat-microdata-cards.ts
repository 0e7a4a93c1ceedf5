// Sites marked up with schema.org microdata: Person cards in a rel="next"-paged gallery, and
// profile pages whose facts are itemprops of one Person item. The footer's Organization item has
// a telephone of its own, so everything is read inside the Person.

import type { SiteAdapter } from './types.ts';

const PERSON = '[itemscope][itemtype$="/Person"]';

export const natMicrodataCards: SiteAdapter = {
  name: 'nat-microdata-cards',
  description: 'National demo: microdata Person cards; profile facts as itemprops of the Person item',
  render: 'http',
  profileUrlPattern: '/kort/\\d+$',
  listing: {
    profileLinks: `.cards ${PERSON} a[itemprop="url"]`,
    nextPage: '.pager a[rel="next"]',
  },
  profile: {
    externalId: [{ selector: `${PERSON} meta[itemprop="identifier"]`, attr: 'content' }, { fromUrl: true, pattern: '/kort/(\\d+)$' }],
    fields: {
      title: { selector: `${PERSON} [itemprop="name"]` },
      age: { selector: `${PERSON} [itemprop="age"]` },
      gender: { selector: `${PERSON} [itemprop="gender"]` },
      location: { selector: `${PERSON} [itemprop="addressLocality"]` },
      description: { selector: `${PERSON} [itemprop="description"]` },
    },
    // The buyers' reviews (review sites) are Review items inside the Person, not the ad's.
    phones: { scope: `${PERSON} > :not(.reviews)` },
    photo: { selector: `${PERSON} img[itemprop="image"]`, attribute: 'src' },
  },
};
