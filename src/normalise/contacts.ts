// Telegram usernames and e-mail addresses: ties between ads weaker than a phone number, but ones
// that survive a change of number. Ads hide addresses from scrapers ("lisa [at] mail [dot] se",
// "snabel-a", full-width ＠), and text is full of @-shaped things that are not addresses (prices,
// times, image names, Instagram handles), so every find is validated before it counts: a false
// tie merges unrelated people, which is worse than a missed one.
//
// Every scan is linear: a profile page can be megabytes of one line.

import { gazetteer } from './gazetteer.ts';
import type { ContactInfo, ContactKind, ContactSource, RawContact } from '../model/profile.ts';
import { compatibilityPass, deobfuscate, removeInvisiblePass, type TrackedText } from './deobfuscate.ts';

// Past this a candidate is a blob, not a contact field; texts are cut rather than skipped.
const MAX_TEXT_CHARS = 2_000_000;
const MAX_LINK_CHARS = 2_000;

/** A contact found in a text: [start, end) of the original text, contextStart where the words that make it readable begin. */
export interface ContactSpan {
  kind: ContactKind;
  value: string;
  contextStart: number;
  start: number;
  end: number;
}

// ---------------------------------------------------------------------------------------------
// E-mail

// Top-level domains an address in an ad plausibly ends in. Any two-letter one passes (country
// codes); longer ones only from this list, so that "foo@2x.png", "bild@hem.jpg" and a sentence
// glued to an address ("lisa@mail.se.Ring") do not pass. The reserved names are here because
// test data uses them.
const LONG_TLDS = new Set(
  (
    'com net org info biz name pro mobi app dev online site website xyz club live life love email ' +
    'top shop store tech space fun vip agency services cloud blog chat social dating date sex xxx ' +
    'porn adult sexy girls moda one world today global media link click page work rocks help ' +
    'icu buzz monster cam photo photos studio design art ' +
    'example test invalid'
  ).split(' '),
);

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

function validTld(tld: string): boolean {
  return /^[a-z]{2}$/.test(tld) || LONG_TLDS.has(tld);
}

/** The address when local@domain is a plausible one (lower case), else null. */
export function validEmail(local: string, domain: string): string | null {
  const l = local.toLowerCase();
  const d = domain.toLowerCase().replace(/\.$/, '');
  if (l.length === 0 || l.length > 64 || d.length > 253 || !LOCAL.test(l)) return null;
  const labels = d.split('.');
  if (labels.length < 2 || !labels.every((x) => LABEL.test(x)) || !validTld(labels[labels.length - 1]!)) return null;
  return `${l}@${d}`;
}

// What stands for "@": the sign, a bracketed word, or the Swedish name of the sign ("snabel-a").
// A bare English "at" is a word of its own in most sentences and counts only with an obfuscated
// dot after it (`name at domain dot com`).
const AT =
  /\s{0,3}(?:(@)|[[({<]\s{0,2}(?:at|@|snabel[\s-]?a)\s{0,2}[\])}>]|\s(snabel[\s-]?a)\s|\s(at)\s)\s{0,3}/giy;
const AT_CUE = /@|\bat\b|snabel/gi;
// A dot between labels: plain (tight, or spaced on both sides so a sentence end "mail. Se" is not
// one), bracketed, or spelled out.
const DOT = /(\.)|[ \t]{1,2}(\.)[ \t]{1,2}|\s{0,2}[[({<]\s{0,2}(?:dot|punkt|\.)\s{0,2}[\])}>]\s{0,2}|\s(?:dot|punkt)\s/giy;
const DOMAIN_LABEL = /[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?/giy;
const LOCAL_CHAR = /[a-z0-9._%+'-]/i;

function stickyAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

// Words that a spaced or spelled-out "at" follows in a sentence ("see me at hotel.se", "jag @
// city.se"): never the local part of such an address.
const SENTENCE_WORDS = new Set('me mig mej us oss jag du you i we vi is are am be här here there där bo bor live stay träffa meet'.split(' '));

/** The address whose "@"-marker starts at `at`, when there is one. */
function emailAt(text: string, at: number): ContactSpan | null {
  const marker = stickyAt(AT, text, at);
  if (!marker) return null;
  const spaced = marker[1] === undefined || marker[0] !== '@';
  const wordAt = marker[3] !== undefined;
  // The local part: the run of address characters just before the marker.
  let start = at;
  while (start > 0 && at - start <= 64 && LOCAL_CHAR.test(text[start - 1]!)) start--;
  const local = text.slice(start, at).replace(/^[.'+-]+/, '');
  start = at - local.length;
  // A run longer than a local part, or one glued to a word, a URL path or another address, is not one.
  if (local === '' || local.length > 64 || (start > 0 && /[\p{L}\p{N}/@\\]/u.test(text[start - 1]!))) return null;
  if (spaced && SENTENCE_WORDS.has(local.toLowerCase())) return null;
  // The domain: labels joined by dots, as many as the text gives; the longest one ending in a
  // real top-level domain wins, so a sentence glued on ("lisa@mail.se.Ring mig") falls away.
  const labels: string[] = [];
  const ends: number[] = [];
  let obfuscatedDot = false;
  let pos = marker.index + marker[0].length;
  for (let k = 0; k < 8; k++) {
    const label = stickyAt(DOMAIN_LABEL, text, pos);
    if (!label) break;
    labels.push(label[0]);
    pos = label.index + label[0].length;
    ends.push(pos);
    const dot = stickyAt(DOT, text, pos);
    if (!dot || !/[a-z0-9]/i.test(text[dot.index + dot[0].length] ?? '')) break;
    if (dot[1] === undefined && dot[2] === undefined) obfuscatedDot = true;
    pos = dot.index + dot[0].length;
  }
  if (wordAt && !obfuscatedDot) return null;
  for (let n = labels.length; n >= 2; n--) {
    // A label glued to more characters ("2x.png_1", "10@20:30") does not end a domain.
    if (/[\p{L}\p{N}_@]/u.test(text[ends[n - 1]!] ?? '')) continue;
    const value = validEmail(local, labels.slice(0, n).join('.'));
    if (value) return { kind: 'email', value, contextStart: start, start, end: ends[n - 1]! };
  }
  return null;
}

function emailsIn(text: string): ContactSpan[] {
  const out: ContactSpan[] = [];
  AT_CUE.lastIndex = 0;
  for (let m = AT_CUE.exec(text); m !== null; m = AT_CUE.exec(text)) {
    // The marker begins where the local part ends: before any spaces and an opening bracket.
    let at = m.index;
    while (at > 0 && m.index - at < 8 && /[\s[({<]/.test(text[at - 1]!)) at--;
    const found = emailAt(text, at);
    if (found) {
      out.push(found);
      AT_CUE.lastIndex = Math.max(AT_CUE.lastIndex, found.end);
    }
  }
  return out;
}

/** A mailto: link target: its recipients, percent-decoded, without ?subject= and the like. */
function emailsFromMailto(href: string): string[] {
  const m = /^\s*mailto:([^?#]*)/i.exec(href.slice(0, MAX_LINK_CHARS));
  if (!m) return [];
  return decode(m[1]!)
    .split(/[,;]/)
    .map((r) => /^\s*([^@\s]+)@([^@\s]+?)\s*$/.exec(r.replace(/^.*<([^>]*)>.*$/, '$1')))
    .map((r) => (r ? validEmail(r[1]!, r[2]!) : null))
    .filter((v): v is string => v !== null);
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// ---------------------------------------------------------------------------------------------
// Telegram

/** Telegram's own rules for a public username. */
export function validTelegramUsername(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_]{3,30}[A-Za-z0-9]$/.test(name) && !name.includes('__');
}

// First path segments of t.me that are Telegram's own pages (stickers, invites, proxies, instant
// view, sharing), never a person.
const SERVICE_PATHS = new Set([
  'joinchat', 'addstickers', 'addemoji', 'addtheme', 'addlist', 'share', 'proxy', 'socks', 'iv',
  'login', 'c', 'setlanguage', 'bg', 'confirmphone', 'invoice', 'boost', 'giftcode', 'contact',
  'telegram', 'durov', 'blog', 'apps', 'faq', 'privacy', 'tos', 'api', 'dl', 'k', 'a', 'z', 'm',
]);

const TG_HOST = /^(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)$/;
const TG_SUBDOMAIN = /^([a-z0-9_]+)\.t\.me$/;

/** The username a Telegram link opens a chat with, or null (invites, phone links, service pages). */
export function telegramFromLink(hrefRaw: string): string | null {
  const href = hrefRaw.trim();
  if (href.length > MAX_LINK_CHARS) return null;
  if (/^tg:/i.test(href)) {
    if (!/^tg:\/{0,2}resolve\b/i.test(href)) return null;
    const domain = /[?&]domain=([^&#]*)/i.exec(href)?.[1];
    return usernameOrNull(domain === undefined ? '' : decode(domain));
  }
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(href) ? href : `https://${href.replace(/^\/\//, '')}`);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  const sub = TG_SUBDOMAIN.exec(host);
  if (sub && sub[1] !== 'www') return usernameOrNull(sub[1]!);
  if (!TG_HOST.test(host)) return null;
  const segments = url.pathname.split('/').filter((s) => s !== '').map(decode);
  // t.me/s/name is the web preview of a channel.
  const first = segments[0] === 's' ? segments[1] : segments[0];
  if (first === undefined || SERVICE_PATHS.has(first.toLowerCase())) return null;
  return usernameOrNull(first);
}

function usernameOrNull(name: string): string | null {
  const n = name.trim().replace(/^@/, '');
  return validTelegramUsername(n) ? n.toLowerCase() : null;
}

// Words a bare "Telegram: word" often is and a username is not.
const NOT_A_NAME = new Set(
  (
    'samma same finns eller också ocksa endast bara only please number numret nummer skriv write ' +
    'message meddelande kontakt contact available tillgänglig ingen inget nej none whatsapp ' +
    'telegram signal viber wickr snapchat instagram twitter facebook kommer soon snart fråga ' +
    'frága ask private privat hidden dolt visas shown via och and or eller first först after ' +
    'efter bokning booking direct direkt online offline alltid always https http www'
  ).split(' '),
);

// Links in running text ("skriv på t.me/lisa_nord").
const TG_LINK_IN_TEXT = /(?<![\w.@-])(?:https?:\/\/)?(?:(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)\/[^\s"'<>()[\]{}]{1,200}|tg:\/\/resolve\?[^\s"'<>]{1,200})/gi;
// "Telegram" or "TG" said right before the handle: an @handle after at most a short filler, or a
// bare name after an explicit separator ("tg: lisanord", "Telegram - lisanord").
const TG_WORD = /(?<![\p{L}\p{N}_@./])(?:telegram|tg)(?![\p{L}\p{N}_])/giu;
const TG_AFTER_WORD =
  /[ \t]{0,3}[([]?[ \t]{0,3}(?:(?:användarnamn|username|user|namn|name|id|nick|är|is)(?![\p{L}\p{N}_])[ \t]{0,3})?([:=>|→➜]|[-–—]{1,2})?[ \t]{0,3}(@?)([A-Za-z][A-Za-z0-9_]{0,40})(?![A-Za-z0-9_]|[@.:/][A-Za-z0-9/])/uy;
// "@lisa_nord på Telegram", "@lisa_nord (telegram)".
const TG_BEFORE_WORD = /@([A-Za-z][A-Za-z0-9_]{3,31})(?![\w@])[ \t]{0,3}(?:[-–—,:(][ \t]{0,3})?(?:(?:på|on|via|in|i)[ \t]{1,3})?(?:telegram|tg)(?![\p{L}\p{N}_])/giyu;
const AT_HANDLE = /(?<![\p{L}\p{N}_.@])@(?=[A-Za-z])/gu;

function telegramIn(text: string): ContactSpan[] {
  const out: ContactSpan[] = [];
  TG_LINK_IN_TEXT.lastIndex = 0;
  for (let m = TG_LINK_IN_TEXT.exec(text); m !== null; m = TG_LINK_IN_TEXT.exec(text)) {
    const link = m[0].replace(/[.,;:!?]+$/, '');
    const value = telegramFromLink(link);
    if (value) out.push({ kind: 'telegram', value, contextStart: m.index, start: m.index, end: m.index + link.length });
  }
  TG_WORD.lastIndex = 0;
  for (let m = TG_WORD.exec(text); m !== null; m = TG_WORD.exec(text)) {
    const after = stickyAt(TG_AFTER_WORD, text, m.index + m[0].length);
    if (!after) continue;
    const [, separator, sign, name] = after;
    if (sign === '' && separator === undefined) continue;
    // "TG" also means trans in these ads ("TG: Stockholm", "TG - Malmö"): after a bare "TG" a
    // place name is not taken for a user (it would tie every such ad of a town together).
    if (sign === '' && m[0].toLowerCase() === 'tg' && gazetteer().lookup(name!).length > 0) continue;
    if (sign === '' && NOT_A_NAME.has(name!.toLowerCase())) continue;
    const value = usernameOrNull(name!);
    if (!value) continue;
    const end = after.index + after[0].length;
    out.push({ kind: 'telegram', value, contextStart: m.index, start: end - name!.length - sign!.length, end });
  }
  AT_HANDLE.lastIndex = 0;
  for (let m = AT_HANDLE.exec(text); m !== null; m = AT_HANDLE.exec(text)) {
    const before = stickyAt(TG_BEFORE_WORD, text, m.index);
    const value = before ? usernameOrNull(before[1]!) : null;
    if (before && value) out.push({ kind: 'telegram', value, contextStart: m.index, start: m.index, end: before.index + before[0].length });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** The text as a reader sees it (invisible characters gone, full-width forms folded), tracked back to the original. */
function readable(text: string): TrackedText {
  return deobfuscate(text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text, [removeInvisiblePass, compatibilityPass]);
}

/**
 * Contacts in a free text, each with its span in the original text, in order of position. Spans
 * let the extractor keep just the contact and the words that make it readable ("Telegram:
 * @lisa_nord"), not the rest of a description.
 */
export function findContactSpans(text: string): ContactSpan[] {
  if (!/[@＠﹫]|at|snabel|tg|telegram|t\.me/i.test(text)) return [];
  const t = readable(text);
  const found = [...emailsIn(t.text), ...telegramIn(t.text)].sort((a, b) => a.start - b.start);
  const original = (k: number, side: 'from' | 'to'): number =>
    side === 'from' ? (t.from[k] ?? text.length) : (t.to[k - 1] ?? 0);
  return found.map((f) => ({
    kind: f.kind,
    value: f.value,
    contextStart: original(Math.min(f.contextStart, f.start), 'from'),
    start: original(f.start, 'from'),
    end: original(f.end, 'to'),
  }));
}

function contactsOf(raw: RawContact): { kind: ContactKind; value: string }[] {
  const text = raw.text ?? '';
  if (raw.source === 'mailto-link') return emailsFromMailto(text).map((value) => ({ kind: 'email', value }));
  if (raw.source === 'telegram-link') {
    const value = telegramFromLink(text);
    return value ? [{ kind: 'telegram', value }] : [];
  }
  return findContactSpans(text);
}

/** The contacts named by a profile's candidates, each once; the first candidate naming it gives the source. */
export function findContacts(raw: readonly RawContact[]): ContactInfo[] {
  const out: ContactInfo[] = [];
  const seen = new Set<string>();
  for (const r of raw) {
    const source: ContactSource = r.source;
    for (const c of contactsOf(r)) {
      const key = `${c.kind}\u0000${c.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ kind: c.kind, value: c.value, source });
    }
  }
  return out;
}
