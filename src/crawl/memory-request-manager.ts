// The request queue of one site's crawl, held in this process's memory. crawlee's RequestQueue is
// built for many processes sharing a queue through a storage client: every add, fetch and
// "handled" goes through request locks, a deduplication cache and a storage layer that
// schema-checks each write. A Kartla crawl has one queue per site in one process (the queue path
// spreads sites, not pages, across workers), so all of that was overhead: in a CPU profile of the
// national mapping, crawlee's queue cost more than parsing the pages' HTML. This manager keeps
// what the crawl relies on: each uniqueKey once, "forefront" requests first, retries put back,
// the maxRequestsPerCrawl budget, and the counts BasicCrawler asks for.

import { Request, type IRequestManager, type RequestOptions, type RequestsLike, type Source } from 'crawlee';

interface OperationInfo {
  requestId: string;
  uniqueKey: string;
  wasAlreadyPresent: boolean;
  wasAlreadyHandled: boolean;
  forefront: boolean;
}

interface BatchOptions {
  forefront?: boolean;
  maxNewRequests?: number;
}

export class MemoryRequestManager implements IRequestManager {
  /** Every uniqueKey ever added, handled or not. */
  private readonly known = new Set<string>();
  /** Forefront requests, the next one last (a stack). */
  private readonly front: Request[] = [];
  /** The other requests in order; `next` is the first not yet fetched. */
  private back: Request[] = [];
  private next = 0;
  private readonly inProgress = new Set<string>();
  private handled = 0;
  private ids = 0;

  async isFinished(): Promise<boolean> {
    return this.queued() === 0 && this.inProgress.size === 0;
  }

  async isEmpty(): Promise<boolean> {
    return this.queued() === 0;
  }

  async handledCount(): Promise<number> {
    return this.handled;
  }

  getTotalCount(): number {
    return this.known.size;
  }

  getPendingCount(): number {
    return this.known.size - this.handled;
  }

  async fetchNextRequest<T extends Record<string, unknown> = Record<string, unknown>>(): Promise<Request<T> | null> {
    const request = this.front.pop() ?? (this.next < this.back.length ? this.back[this.next++]! : null);
    if (request === null) return null;
    if (this.next > 1024 && this.next * 2 > this.back.length) {
      // Drops the fetched part now and then, so a long crawl does not keep every request it read.
      this.back = this.back.slice(this.next);
      this.next = 0;
    }
    this.inProgress.add(request.id!);
    return request as Request<T>;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Request> {
    for (let request = await this.fetchNextRequest(); request; request = await this.fetchNextRequest()) yield request;
  }

  async markRequestHandled(request: Request): Promise<OperationInfo> {
    if (this.inProgress.delete(request.id!)) this.handled += 1;
    request.handledAt ??= new Date().toISOString();
    return this.info(request, true, true, false);
  }

  async reclaimRequest(request: Request, options: { forefront?: boolean } = {}): Promise<OperationInfo> {
    this.inProgress.delete(request.id!);
    this.enqueue(request, options.forefront === true);
    return this.info(request, true, false, options.forefront === true);
  }

  async addRequest(source: Source, options: { forefront?: boolean } = {}): Promise<OperationInfo> {
    const { addedRequests } = await this.addRequestsBatched([source], options);
    return addedRequests[0]!;
  }

  /**
   * Adds every request at once (crawlee's queue adds the first thousand and the rest in the
   * background). Sources past `maxNewRequests` new ones come back in `requestsOverLimit`.
   */
  async addRequestsBatched(requests: RequestsLike, options: BatchOptions = {}) {
    const forefront = options.forefront === true;
    let budget = options.maxNewRequests ?? Infinity;
    const added: OperationInfo[] = [];
    const requestsOverLimit: Source[] = [];
    const fresh: Request[] = [];
    for await (const source of requests as AsyncIterable<Source | string>) {
      const request = source instanceof Request ? source : new Request(typeof source === 'string' ? { url: source } : (source as RequestOptions));
      if (this.known.has(request.uniqueKey)) {
        added.push(this.info(request, true, false, forefront));
        continue;
      }
      if (budget <= 0) {
        requestsOverLimit.push(typeof source === 'string' ? { url: source } : source);
        continue;
      }
      budget -= 1;
      this.known.add(request.uniqueKey);
      request.id ??= String(++this.ids);
      fresh.push(request);
      added.push(this.info(request, false, false, forefront));
    }
    // A forefront batch comes out in the order given, ahead of everything queued before it.
    if (forefront) for (let i = fresh.length - 1; i >= 0; i--) this.front.push(fresh[i]!);
    else for (const request of fresh) this.back.push(request);
    return { addedRequests: added, waitForAllRequestsToBeAdded: Promise.resolve([]), requestsOverLimit };
  }

  private enqueue(request: Request, forefront: boolean): void {
    if (forefront) this.front.push(request);
    else this.back.push(request);
  }

  private queued(): number {
    return this.front.length + this.back.length - this.next;
  }

  private info(request: Request, wasAlreadyPresent: boolean, wasAlreadyHandled: boolean, forefront: boolean): OperationInfo {
    return { requestId: request.id ?? '', uniqueKey: request.uniqueKey, wasAlreadyPresent, wasAlreadyHandled, forefront };
  }
}
