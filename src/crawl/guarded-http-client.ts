// crawlee's HTTP client with the limits a crawler of hostile sites needs: an identifying
// User-Agent instead of generated browser headers, a cap on the bytes read per page (checked on
// Content-Length and again on the decompressed bytes while streaming, since a site can lie, send
// no length, or send a compression bomb), redirects followed only to the site's own hosts over
// http(s), and connections only to public addresses unless the site is marked local (checked on
// the address DNS answered, when connecting: see address-guard.ts). Pages and robots.txt are
// fetched through http-stream.ts on node's own HTTP client with keep-alive connections; got
// (crawlee's default client) is left only for crawlee's sendRequest helper, which Kartla does not call.

import { pipeline, Transform, type Readable } from 'node:stream';
import type { LookupFunction } from 'node:net';
import { GotScrapingHttpClient, type BaseHttpClient, type HttpRequest, type HttpResponse, type RedirectHandler, type ResponseTypes, type StreamingHttpResponse } from 'crawlee';
import { checkLiteralHost, guardedLookup, type AddressPolicy } from './address-guard.ts';
import { keepAliveAgents, MAX_REDIRECTS, openHttpStream, type HttpAgents } from './http-stream.ts';
import { BlockedAddressError, NetworkError, OffSiteRedirectError, PageTooLargeError } from './crawl-errors.ts';

export interface GuardOptions {
  userAgent: string;
  maxPageBytes: number;
  /** Lower-case host or host:port values the crawler may fetch from. */
  allowedHosts: readonly string[];
  /** Which addresses may be connected to: private ones only for a site marked local. */
  addresses: AddressPolicy;
}

const WEB_SCHEMES = new Set(['http:', 'https:']);

/** True for an http(s) URL on one of the hosts (host or host:port) given. */
export function isAllowedHost(url: URL, allowedHosts: readonly string[]): boolean {
  if (!WEB_SCHEMES.has(url.protocol)) return false;
  const host = url.host.toLowerCase();
  const hostname = url.hostname.toLowerCase();
  return allowedHosts.some((allowed) => allowed === host || allowed === hostname);
}

export class GuardedHttpClient implements BaseHttpClient {
  private readonly inner = new GotScrapingHttpClient();
  private readonly agents: HttpAgents = keepAliveAgents();
  private readonly lookup: LookupFunction;

  constructor(private readonly options: GuardOptions) {
    this.lookup = guardedLookup(options.addresses) as LookupFunction;
  }

  /** Closes the kept-alive connections; call once the crawl is over. */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  async sendRequest<T extends keyof ResponseTypes = 'text'>(request: HttpRequest<T>): Promise<HttpResponse<T>> {
    const url = String(request.url);
    try {
      return await this.inner.sendRequest(this.guard(request));
    } catch (error) {
      throw refusal(url, error) ?? error;
    }
  }

  async stream(request: HttpRequest, onRedirect?: RedirectHandler): Promise<StreamingHttpResponse> {
    const url = String(request.url);
    const response = await this.open(request, onRedirect);
    const { maxPageBytes } = this.options;
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxPageBytes) {
      response.stream.destroy();
      throw new PageTooLargeError(url, maxPageBytes, declared);
    }
    // Counted after decompression: 1 MB of gzip can hold a gigabyte of zeros. (got's own
    // downloadProgress stops reporting once the count passes the compressed Content-Length.)
    response.stream = capBytes(response.stream, maxPageBytes, url);
    return response;
  }

  /**
   * GETs a small text resource (robots.txt): its status and at most `maxBytes` of its body (the
   * rest is not read). Throws as stream() does for a refused address or redirect.
   */
  async fetchText(url: string, maxBytes: number, timeoutMs: number, signal?: AbortSignal): Promise<{ status: number; body: string }> {
    const response = await this.open({ url, method: 'GET', throwHttpErrors: false, timeout: { request: timeoutMs }, signal });
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      if (response.statusCode < 400) {
        for await (const chunk of response.stream as AsyncIterable<Buffer>) {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= maxBytes) break;
        }
      }
    } finally {
      response.stream.destroy();
    }
    return { status: response.statusCode, body: Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8') };
  }

  /** Sends the request; a redirect that was not followed is an error saying why. */
  private async open(request: HttpRequest, onRedirect?: RedirectHandler): Promise<StreamingHttpResponse> {
    const url = String(request.url);
    let response: StreamingHttpResponse;
    try {
      const target = this.checkTarget(url);
      response = await openHttpStream(
        { ...request, url: target, headers: this.headers(request) },
        { agents: this.agents, lookup: this.lookup, followRedirect: (r) => this.mayFollow(r.headers.location, r.url) },
        onRedirect,
      );
    } catch (error) {
      throw refusal(url, error) ?? NetworkError.from(url, error) ?? error;
    }
    const location = response.headers.location;
    if (response.statusCode >= 300 && response.statusCode < 400 && typeof location === 'string') {
      response.stream.destroy();
      throw this.redirectRefusal(response.url || url, location);
    }
    return response;
  }

  private redirectRefusal(from: string, location: string): Error {
    let target: URL;
    try {
      target = new URL(location, from);
    } catch {
      return new OffSiteRedirectError(from, location, 'something that is not a URL');
    }
    if (!WEB_SCHEMES.has(target.protocol)) return new OffSiteRedirectError(from, target.href, `a ${target.protocol} URL`);
    if (!isAllowedHost(target, this.options.allowedHosts)) return new OffSiteRedirectError(from, target.href);
    try {
      checkLiteralHost(target, this.options.addresses);
    } catch (error) {
      return error as Error;
    }
    // Allowed host and address: the chain was cut for its length (http-stream.ts MAX_REDIRECTS).
    return new OffSiteRedirectError(from, target.href, `the ${MAX_REDIRECTS + 1}th hop of a chain (more than ${MAX_REDIRECTS} redirects)`);
  }

  /** The URL to request, refused before any connection when its scheme or literal address is. */
  private checkTarget(url: string): URL {
    const target = new URL(url);
    if (!WEB_SCHEMES.has(target.protocol)) throw new OffSiteRedirectError(url, target.href, `a ${target.protocol} URL`);
    checkLiteralHost(target, this.options.addresses);
    return target;
  }

  private headers(request: Pick<HttpRequest, 'headers'>): Record<string, string | string[] | undefined> {
    return { ...request.headers, 'user-agent': this.options.userAgent, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' };
  }

  /** Whether a redirect to `location` stays on the site's hosts and addresses. */
  private mayFollow(location: unknown, base: string): boolean {
    if (typeof location !== 'string') return false;
    try {
      const next = new URL(location, base);
      if (!isAllowedHost(next, this.options.allowedHosts)) return false;
      checkLiteralHost(next, this.options.addresses);
      return true;
    } catch {
      return false;
    }
  }

  private guard<T extends keyof ResponseTypes>(request: HttpRequest<T>): HttpRequest<T> {
    const target = this.checkTarget(String(request.url));
    const guarded = {
      ...request,
      url: target.href,
      useHeaderGenerator: false,
      // crawlee retries (with our backoff); got's own retries would multiply them silently.
      retry: { limit: 0 },
      headers: this.headers(request),
      // Every host name is resolved through the guard, so the address checked is the address
      // connected to (no gap for a DNS answer that changes between a check and the connection).
      dnsLookup: this.lookup,
      // HTTP/1.1 only: node's own http(s) agents, which honour the lookup above on every connection.
      http2: false,
      // Not following is safer than following and discarding: the request never leaves the site.
      followRedirect: (response: { headers: Record<string, unknown>; url?: string; requestUrl?: URL }) =>
        this.mayFollow(response.headers.location, response.url ?? String(response.requestUrl ?? request.url)),
    };
    return guarded as HttpRequest<T>;
  }
}

/** A BlockedAddressError (raised in the lookup, wrapped by got) restated with the URL. */
function refusal(url: string, error: unknown): Error | null {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e instanceof BlockedAddressError) return new BlockedAddressError(url, e.host, e.address);
  }
  return null;
}

/** The stream, failing with PageTooLargeError once more than `limit` bytes have passed. */
function capBytes(source: Readable, limit: number, url: string): Readable {
  let seen = 0;
  const capped = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(new PageTooLargeError(url, limit, seen));
      else done(null, chunk);
    },
  });
  // Either side failing or closing destroys the other: a cut-off body stops the download.
  pipeline(source, capped, () => {});
  return capped;
}
