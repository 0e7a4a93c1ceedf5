// Spaces the requests to one site evenly. crawlee's maxRequestsPerMinute is a cap per sliding
// minute, so it lets a whole minute's worth of requests out in the first second; a site asked
// for 60 a minute should see one a second. (Pacing across several worker processes is the
// queue's job, later; this paces one process.)

export class RequestPacer {
  private next = 0;
  private interval: number;

  constructor(requestsPerMinute: number) {
    this.interval = 60_000 / requestsPerMinute;
  }

  get intervalMs(): number {
    return this.interval;
  }

  /** Never faster than one request per `ms` from now on (a robots.txt Crawl-delay). */
  slowTo(ms: number): void {
    this.interval = Math.max(this.interval, ms);
  }

  /** Resolves when the caller may send its request; an abort resolves at once. */
  wait(signal?: AbortSignal): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + this.interval;
    const delay = at - now;
    if (delay <= 0 || signal?.aborted) return Promise.resolve();
    return abortableDelay(delay, signal);
  }
}

/** Resolves after `ms`, or at once on abort; leaves no listener behind either way. */
export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
