import { describe, expect, it } from 'vitest';
import { loadHtml } from '../../../src/extract/dom.ts';
import { itemListUrls, jsonLdBlocks, jsonLdEntities, microdataEntities } from '../../../src/extract/generic/structured-data.ts';
import { fixture, page } from './helpers.ts';

const ld = (data: unknown) => `<script type="application/ld+json">${JSON.stringify(data)}</script>`;

describe('JSON-LD', () => {
  it('finds the ad in a @graph, under mainEntity, past the site\'s own entities and reviews', () => {
    const $ = loadHtml(fixture('english-jsonld-profile.html'));
    const [ad, ...rest] = jsonLdEntities(jsonLdBlocks($));
    expect(rest).toEqual([]);
    expect(ad).toMatchObject({
      type: 'Person',
      facts: {
        age: { value: '29', path: 'Person.additionalProperty[name=Age].value' },
        gender: { value: 'Female', path: 'Person.gender' },
        location: { value: 'Stockholm', path: 'Person.homeLocation.address.addressLocality' },
        externalId: { value: 'NL-4471', path: 'Person.identifier' },
      },
    });
  });

  it('reads a Product or Offer ad, a birth date, a plain address, and survives broken blocks', () => {
    const $ = loadHtml(page('', `<script type="application/ld+json">{broken</script>${ld([{ '@type': 'Offer', sku: 'A-77', name: 'Massage i Lund', birthDate: '1998', areaServed: { '@type': 'City', name: 'Lund' } }])}`));
    expect(jsonLdEntities(jsonLdBlocks($))[0]?.facts).toMatchObject({
      age: { value: 'Född 1998' },
      location: { value: 'Lund', path: 'Offer.areaServed.name' },
      title: { value: 'Massage i Lund' },
      externalId: { value: 'A-77' },
    });
  });

  it('reads the URLs of an ItemList, however the items are written', () => {
    const $ = loadHtml(fixture('english-jsonld-listing.html'));
    expect(itemListUrls(jsonLdBlocks($))).toHaveLength(3);
  });

  it('survives deep nesting', () => {
    let deep: unknown = { '@type': 'Person', gender: 'Kvinna' };
    for (let i = 0; i < 200; i++) deep = { '@type': 'Thing', child: deep };
    expect(() => jsonLdEntities(jsonLdBlocks(loadHtml(page('', ld(deep)))))).not.toThrow();
  });
});

describe('microdata', () => {
  it('reads the item\'s own props and its address, not a review\'s', () => {
    const $ = loadHtml(page(`<div itemscope itemtype="https://schema.org/Person"><h1 itemprop="name">Rubrik</h1><meta itemprop="identifier" content="77">
      <span itemprop="age">24 år</span><span itemprop="gender">Tjej</span>
      <span itemprop="address" itemscope itemtype="https://schema.org/PostalAddress"><span itemprop="addressLocality">Umeå</span></span>
      <div itemprop="review" itemscope itemtype="https://schema.org/Review"><span itemprop="age">41</span></div></div>
      <div itemscope itemtype="https://schema.org/Organization"><span itemprop="telephone">0846500499</span></div>`));
    const [ad] = microdataEntities($);
    expect(ad?.type).toBe('Person');
    expect(ad?.facts.age?.value).toBe('24 år');
    expect(ad?.facts.location?.value).toBe('Umeå');
    expect(ad?.facts.externalId).toMatchObject({ value: '77', attr: 'content' });
    expect(ad?.facts.title?.value).toBe('Rubrik');
  });
});
