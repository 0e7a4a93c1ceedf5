// crawlee's HTTP client with the limits a crawler of hostile sites needs: an identifying
// User-Agent instead of generated browser headers, a cap on the bytes read per page (checked on
// Content-Length and again while streaming, since a site can lie or send no length), and
// redirects followed only to the site's own hosts.

import { GotScrapingHttpClient, type BaseHttpClient, type HttpRequest, type HttpResponse, type RedirectHandler, type ResponseTypes, type StreamingHttpResponse } from 'crawlee';
import { NetworkError, OffSiteRedirectError, PageTooLargeError } from './crawl-errors.ts';

export interface GuardOptions {
  userAgent: string;
  maxPageBytes: number;
  /** Lower-case host or host:port values the crawler may fetch from. */
  allowedHosts: readonly string[];
}

export function isAllowedHost(url: URL, allowedHosts: readonly string[]): boolean {
  const host = url.host.toLowerCase();
  const hostname = url.hostname.toLowerCase();
  return allowedHosts.some((allowed) => allowed === host || allowed === hostname);
}

export class GuardedHttpClient implements BaseHttpClient {
  private readonly inner = new GotScrapingHttpClient();

  constructor(private readonly options: GuardOptions) {}

  sendRequest<T extends keyof ResponseTypes = 'text'>(request: HttpRequest<T>): Promise<HttpResponse<T>> {
    return this.inner.sendRequest(this.guard(request));
  }

  async stream(request: HttpRequest, onRedirect?: RedirectHandler): Promise<StreamingHttpResponse> {
    const url = String(request.url);
    let response: StreamingHttpResponse;
    try {
      response = await this.inner.stream(this.guard(request), onRedirect);
    } catch (error) {
      throw NetworkError.from(url, error) ?? error;
    }
    const { maxPageBytes } = this.options;
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxPageBytes) {
      response.stream.destroy();
      throw new PageTooLargeError(url, maxPageBytes, declared);
    }
    // got emits downloadProgress as bytes arrive; listening to it does not consume the stream.
    response.stream.on('downloadProgress', (progress: { transferred: number }) => {
      if (progress.transferred > maxPageBytes) {
        response.stream.destroy(new PageTooLargeError(url, maxPageBytes, progress.transferred));
      }
    });
    const location = response.headers.location;
    if (response.statusCode >= 300 && response.statusCode < 400 && typeof location === 'string') {
      response.stream.destroy();
      throw new OffSiteRedirectError(url, new URL(location, url).href);
    }
    return response;
  }

  private guard<T extends keyof ResponseTypes>(request: HttpRequest<T>): HttpRequest<T> {
    const { allowedHosts, userAgent } = this.options;
    return {
      ...request,
      useHeaderGenerator: false,
      // crawlee retries (with our backoff); got's own retries would multiply them silently.
      retry: { limit: 0 },
      headers: { ...request.headers, 'user-agent': userAgent, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
      // Not following is safer than following and discarding: the request never leaves the site.
      followRedirect: (response: { headers: Record<string, unknown>; url?: string; requestUrl?: URL }) => {
        const location = response.headers.location;
        if (typeof location !== 'string') return false;
        const base = response.url ?? String(response.requestUrl ?? request.url);
        try {
          return isAllowedHost(new URL(location, base), allowedHosts);
        } catch {
          return false;
        }
      },
    };
  }
}
