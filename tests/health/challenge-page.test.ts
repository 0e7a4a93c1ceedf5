// Captcha and bot-challenge pages (run health's signs of blocking): recognised on saved pages,
// and not confused with an ad that talks about robots or a page with a captcha on its report form.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ChallengePageError, classifyPageError, detectChallengePage, isPermanentPageError } from '../../src/crawl/crawl-errors.ts';

const page = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('detectChallengePage', () => {
  it("recognises a bot-protection service's interstitial by its markers", () => {
    expect(detectChallengePage(page('challenge-cloudflare.html'))).toBe('Cloudflare challenge');
  });

  it('recognises a bare page that is all captcha (Swedish)', () => {
    expect(detectChallengePage(page('challenge-recaptcha.html'))).toBe('captcha');
  });

  it('recognises a bare "access denied" page', () => {
    expect(detectChallengePage(page('challenge-access-denied.html'))).toBe('bot check');
  });

  it('leaves an ad alone that mentions robots and captchas, with a captcha on its report form', () => {
    const ad = page('ad-mentions-robot.html');
    expect(ad).toMatch(/robot/);
    expect(ad).toMatch(/g-recaptcha/);
    expect(detectChallengePage(ad)).toBeNull();
  });

  it('leaves a short ordinary listing page alone', () => {
    expect(detectChallengePage(page('listing-short.html'))).toBeNull();
  });

  it('is not fooled by a heading that only contains a challenge word inside another word', () => {
    expect(detectChallengePage('<html><head><title>Captchaless dating</title></head><body><h1>Hi</h1></body></html>')).toBeNull();
  });
});

describe('a challenge page as a page error', () => {
  it('is of kind blocked, and not retried', () => {
    const error = new ChallengePageError('http://127.0.0.1:1/annonser', 'captcha');
    expect(classifyPageError(error)).toBe('blocked');
    expect(isPermanentPageError(error)).toBe(true);
    // Wrapped without its class (a message passed on), still recognised.
    expect(classifyPageError(new Error(error.message))).toBe('blocked');
  });
});
