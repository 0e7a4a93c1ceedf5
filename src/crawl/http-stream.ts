// One GET over node's own http/https, answered as crawlee's StreamingHttpResponse: redirects
// followed only where the caller allows, the body decompressed, and one deadline for the whole
// request, body included. crawlee's default client (got-scraping) builds and validates a large
// options object on every request and wraps the response in several streams; on the national
// mapping that cost about as much CPU as node's own HTTP work, for features a crawler that sends
// its own User-Agent and keeps no cookies does not use (generated browser headers, HTTP/2,
// proxies, cookie jars, retries).

import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { BaseHttpResponseData, HttpRequest, RedirectHandler, StreamingHttpResponse } from 'crawlee';

export interface HttpAgents {
  http: http.Agent;
  https: https.Agent;
}

/** Keep-alive agents for one crawl (crawlee bounds the requests in flight); destroy() them when it ends. */
export function keepAliveAgents(): HttpAgents {
  return { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
}

export interface StreamOptions {
  agents: HttpAgents;
  /** Resolves every host name: the only way a connection's address is chosen. */
  lookup: LookupFunction;
  /** Asked for every 3xx with a Location header: true follows it, false answers the 3xx itself. */
  followRedirect: (response: { headers: IncomingHttpHeaders; url: string }) => boolean;
}

export const MAX_REDIRECTS = 10;

/** A got-style timeout error, which the crawl classifies as a timeout (crawl-errors.ts). */
export class RequestTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(url: string, ms: number) {
    super(`Timeout awaiting 'request' for ${ms}ms: ${url}`);
    this.name = 'TimeoutError';
  }
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : Object.assign(new Error('The request was aborted'), { name: 'AbortError' });
}

/** Sends the request; `track` is given it at once, so that a timeout or abort can destroy it. */
function send(url: URL, request: HttpRequest, options: StreamOptions, track: (req: http.ClientRequest) => void): Promise<IncomingMessage> {
  if (request.body !== undefined) throw new Error('http-stream sends GET and HEAD requests only');
  const secure = url.protocol === 'https:';
  const headers: Record<string, string | string[]> = { 'accept-encoding': 'gzip, deflate, br' };
  for (const [name, value] of Object.entries(request.headers ?? {})) if (value !== undefined) headers[name.toLowerCase()] = value;
  const rejectUnauthorized = (request.https as { rejectUnauthorized?: boolean } | undefined)?.rejectUnauthorized ?? true;
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(url, {
      method: (request.method ?? 'GET').toUpperCase(),
      headers,
      agent: secure ? options.agents.https : options.agents.http,
      lookup: options.lookup,
      ...(secure ? { rejectUnauthorized } : {}),
    });
    track(req);
    req.once('response', resolve);
    req.once('error', reject);
    req.end();
  });
}

/** The response body decompressed by its Content-Encoding (gzip, deflate or br), else as sent. */
function decoded(response: IncomingMessage): Readable {
  const encoding = String(response.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : null;
  if (!decoder) return response;
  pipeline(response, decoder, () => {});
  return decoder;
}

function responseData(response: IncomingMessage, url: URL, redirectUrls: URL[]): BaseHttpResponseData {
  return {
    url: url.href,
    redirectUrls,
    ip: response.socket?.remoteAddress,
    statusCode: response.statusCode ?? 0,
    statusMessage: response.statusMessage,
    headers: response.headers,
    trailers: response.trailers,
    complete: response.complete,
  };
}

export async function openHttpStream(request: HttpRequest, options: StreamOptions, onRedirect?: RedirectHandler): Promise<StreamingHttpResponse> {
  let url = new URL(String(request.url));
  const redirectUrls: URL[] = [];
  const timeoutMs = (request.timeout as { request?: number } | undefined)?.request;
  const signal = request.signal;
  // Everything open now (request, response, body stream) fails together on timeout or abort.
  let current: { destroy(error?: Error): unknown }[] = [];
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    for (const s of current) s.destroy(error);
  };
  const timer = timeoutMs ? setTimeout(() => fail(new RequestTimeoutError(url.href, timeoutMs)), timeoutMs) : null;
  const onAbort = () => fail(abortError(signal!));
  signal?.addEventListener('abort', onAbort, { once: true });
  const done = () => {
    if (timer) clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  };
  try {
    if (signal?.aborted) throw abortError(signal);
    for (;;) {
      const response = await send(url, request, options, (req) => {
        current = [req];
        if (failure) req.destroy(failure);
      });
      if (failure) {
        response.destroy();
        throw failure;
      }
      const location = response.headers.location;
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && typeof location === 'string' && redirectUrls.length < MAX_REDIRECTS && options.followRedirect({ headers: response.headers, url: url.href })) {
        response.resume();
        const next = new URL(location, url);
        redirectUrls.push(next);
        onRedirect?.(responseData(response, url, redirectUrls), { url: next, headers: request.headers ?? {} });
        url = next;
        continue;
      }
      const stream = decoded(response);
      current = [response, stream];
      stream.once('end', done);
      stream.once('close', done);
      let transferred = 0;
      response.on('data', (chunk: Buffer) => (transferred += chunk.length));
      const total = Number(response.headers['content-length']);
      const data = responseData(response, url, redirectUrls);
      return {
        ...data,
        stream,
        request,
        get downloadProgress() {
          return { percent: Number.isFinite(total) && total > 0 ? transferred / total : 0, transferred, total: Number.isFinite(total) ? total : undefined };
        },
        get uploadProgress() {
          return { percent: 1, transferred: 0, total: 0 };
        },
      };
    }
  } catch (error) {
    done();
    throw error;
  }
}
