// Contact links carry the number in a machine-readable place (tel:, sms:, WhatsApp, Telegram,
// Viber). They are the most reliable candidates on a page, often more so than the visible text,
// which sites obfuscate.

import type { RawPhone } from '../model/profile.ts';

/** Digits with an optional leading +, as the messaging apps put numbers in links. */
const PHONE_IN_LINK = /^\+?[\d\s().-]{7,24}$/;

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The raw value of a query parameter. URLSearchParams is not used because it reads "+" as a
 * space, and "+46…" is exactly what these links carry.
 */
function rawParam(query: string, name: string): string | null {
  const re = new RegExp(`(?:^|[?&;])${name}=([^&#;]*)`, 'i');
  const m = re.exec(query);
  return m?.[1] !== undefined ? decode(m[1]).trim() : null;
}

/**
 * WhatsApp, Telegram and Viber links hold the number in international form without the "+"
 * (wa.me/46701740605); the + is restored so the number is not read as a national one.
 */
function international(value: string): string {
  const v = value.trim();
  return /^\d/.test(v) ? `+${v}` : v;
}

function phoneOrNull(value: string | null, source: RawPhone['source'], intl: boolean): RawPhone | null {
  if (value === null) return null;
  const v = value.trim();
  if (!PHONE_IN_LINK.test(v) || (v.match(/\d/g) ?? []).length < 7) return null;
  return { text: intl ? international(v) : v, source };
}

function afterScheme(href: string): string {
  return href.replace(/^[a-z][a-z0-9+.-]*:(?:\/\/)?/i, '');
}

/** Phone candidates carried by one link target (several for a multi-recipient sms: link). */
export function phonesFromHref(hrefRaw: string): RawPhone[] {
  const href = hrefRaw.trim();
  if (href.length > 2_000) return [];
  const lower = href.toLowerCase();

  if (lower.startsWith('tel:') || lower.startsWith('callto:')) {
    const number = decode(afterScheme(href)).split(/[;?]/)[0] ?? '';
    const p = phoneOrNull(number, 'tel-link', false);
    return p ? [p] : [];
  }
  if (lower.startsWith('sms:') || lower.startsWith('smsto:')) {
    const recipients = decode(afterScheme(href)).split(/[?;&]/)[0] ?? '';
    return recipients
      .split(',')
      .map((r) => phoneOrNull(r, 'sms-link', false))
      .filter((p): p is RawPhone => p !== null);
  }
  if (lower.startsWith('whatsapp:')) {
    const p = phoneOrNull(rawParam(href, 'phone'), 'whatsapp-link', true);
    return p ? [p] : [];
  }
  if (lower.startsWith('viber:')) {
    const p = phoneOrNull(rawParam(href, 'number'), 'viber-link', true);
    return p ? [p] : [];
  }
  if (lower.startsWith('tg:')) {
    // tg://resolve?phone=… opens a chat, tg://msg?to=… a message to the number.
    const p = phoneOrNull(rawParam(href, 'phone') ?? rawParam(href, 'to'), 'telegram-link', true);
    return p ? [p] : [];
  }
  if (lower.startsWith('skype:')) {
    const p = phoneOrNull(decode(afterScheme(href)).split('?')[0] ?? '', 'tel-link', false);
    return p ? [p] : [];
  }
  if (lower.startsWith('intent:')) {
    // Android intent links name the app in their scheme= parameter (intent://send/46…#Intent;scheme=smsto;…).
    const scheme = /[#;]scheme=([a-z]+)/i.exec(href)?.[1]?.toLowerCase() ?? '';
    const source: RawPhone['source'] | null =
      scheme === 'whatsapp' ? 'whatsapp-link' : scheme === 'sms' || scheme === 'smsto' ? 'sms-link' : scheme === 'tel' ? 'tel-link' : null;
    if (source === null) return [];
    const body = href.slice(href.indexOf(':') + 1).split('#')[0] ?? '';
    const value = rawParam(body, 'phone') ?? decode(body.replace(/^\/\/(?:send\/?)?/i, '').split(/[?/]/)[0] ?? '');
    const p = phoneOrNull(value || null, source, source === 'whatsapp-link');
    return p ? [p] : [];
  }

  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return [];
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const firstSegment = decode(url.pathname.split('/')[1] ?? '');

  if (host === 'wa.me') {
    const p = phoneOrNull(firstSegment || null, 'whatsapp-link', true);
    return p ? [p] : [];
  }
  if (host === 'api.whatsapp.com' || host === 'web.whatsapp.com' || host === 'whatsapp.com') {
    const p = phoneOrNull(rawParam(url.search, 'phone'), 'whatsapp-link', true);
    return p ? [p] : [];
  }
  if (host === 'viber.click') {
    const p = phoneOrNull(firstSegment || null, 'viber-link', true);
    return p ? [p] : [];
  }
  if (host === 't.me' || host === 'telegram.me' || host === 'telegram.dog') {
    // Only t.me/+<number> is a phone; t.me/<username> is not.
    const p = firstSegment.startsWith('+') ? phoneOrNull(firstSegment, 'telegram-link', true) : null;
    return p ? [p] : [];
  }
  return [];
}
