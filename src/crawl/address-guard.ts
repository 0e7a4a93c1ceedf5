// Which network addresses the crawler may connect to. A site on the internet must not be able to
// turn the crawler against the network it runs in (a redirect or a DNS answer pointing at
// 127.0.0.1, a router, a cloud metadata service at 169.254.169.254), so every address is checked
// after DNS resolution, at connection time: the address checked is the address connected to.
// Sites marked `local: true` (the demo, tests) may use private addresses.

import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { BlockedAddressError } from './crawl-errors.ts';

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** Eight 16-bit groups of an IPv6 address (which must be valid), or null. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase().split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = text.slice(0, -dotted[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, null];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === null && missing !== 0)) return null;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => parseInt(g, 16));
}

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), if any. */
function embeddedIPv4(address: string): string | null {
  const g = ipv6Groups(address);
  if (!g) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zero(0, 5) && (g[5] === 0xffff || g[5] === 0)) return v4(g[6]!, g[7]!); // ::ffff:a.b.c.d, ::a.b.c.d
  if (g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6)) return v4(g[6]!, g[7]!); // 64:ff9b::/96
  if (g[0] === 0x2002) return v4(g[1]!, g[2]!); // 6to4
  return null;
}

/** True for loopback, private, link-local, carrier-grade NAT, reserved and multicast addresses. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address.split('%')[0]!);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true; // not an address at all: never connect
  const inner = embeddedIPv4(address);
  if (inner !== null && inner !== '0.0.0.0' && blocked.check(inner, 'ipv4')) return true;
  return blocked.check(address.split('%')[0]!, 'ipv6');
}

export interface AddressPolicy {
  /** The site is served from this machine or a private network: private addresses allowed. */
  allowPrivate: boolean;
  /**
   * Tests only: addresses treated as public although they are not, so a local server can stand
   * in for a site on the internet while another local address plays the private network.
   */
  treatAsPublic?: readonly string[];
}

export function isRefusedAddress(address: string, policy: AddressPolicy): boolean {
  if (policy.allowPrivate) return false;
  if (policy.treatAsPublic?.includes(address)) return false;
  return isPrivateAddress(address);
}

/** The host name of a URL without IPv6 brackets. */
export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Throws BlockedAddressError when the URL names a refused address literally. Node does not call
 * the lookup function for an IP literal, so literals are checked here, names in guardedLookup.
 */
export function checkLiteralHost(url: URL, policy: AddressPolicy): void {
  const host = bareHostname(url);
  if (isIP(host) && isRefusedAddress(host, policy)) throw new BlockedAddressError(url.href, host, host);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request / got's `dnsLookup`: resolves as dns.lookup does and fails the
 * connection when any address of the answer is refused (a name answering both a public and a
 * private address is refused: the connection could reach either).
 */
export function guardedLookup(policy: AddressPolicy) {
  return (hostname: string, options: unknown, callback?: LookupCallback): void => {
    const cb = (typeof options === 'function' ? options : callback) as LookupCallback;
    const opts = typeof options === 'object' && options !== null ? (options as { all?: boolean; family?: number }) : {};
    const family = typeof options === 'number' ? options : opts.family;
    dnsLookup(hostname, { family: family ?? 0, all: true }, (error, addresses) => {
      if (error) return cb(error, []);
      const refused = addresses.find((a) => isRefusedAddress(a.address, policy));
      if (refused) return cb(new BlockedAddressError(null, hostname, refused.address), []);
      if (addresses.length === 0) return cb(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      if (opts.all) return cb(null, addresses);
      cb(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
