// Delivers an alert to the webhook of the sites file's `alerts:` (a chat or incident hook): one
// JSON POST, a timeout, one retry. It never throws: the caller records what went wrong, and a
// webhook that is down never fails a run. Error texts never name the webhook's URL, which often
// carries a token.

export interface AlertPayload {
  source: 'kartla';
  alertId: number;
  runId: number;
  siteId: string | null;
  kind: string;
  severity: string;
  message: string;
  /** The same line, under the key most chat webhooks (Slack, Mattermost) display. */
  text: string;
  metrics: unknown;
  createdAt: string;
}

export interface DeliveryOptions {
  fetch?: typeof fetch;
  /** Per attempt; default 5 s. */
  timeoutMs?: number;
  /** Wait before the one retry; default 1 s. */
  retryDelayMs?: number;
}

/** null when delivered (a 2xx answer), else why not, in one line. */
export async function deliverAlert(webhook: string, payload: AlertPayload, opts: DeliveryOptions = {}): Promise<string | null> {
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 5_000;
  let why = '';
  for (let attempt = 0; attempt < 2; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, opts.retryDelayMs ?? 1_000));
    try {
      const response = await doFetch(webhook, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Kartla alerts' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      await response.body?.cancel().catch(() => {});
      if (response.ok) return null;
      why = `the webhook answered HTTP ${response.status}`;
    } catch (error) {
      const name = (error as Error).name;
      why = name === 'TimeoutError' || name === 'AbortError' ? `the webhook did not answer within ${timeoutMs} ms` : `the webhook could not be reached (${causeOf(error)})`;
    }
  }
  return `${why} (tried twice)`;
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  return (error as Error).name || 'error';
}
