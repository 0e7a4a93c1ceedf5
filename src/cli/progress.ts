// Live progress of a mapping run. On a terminal: one line per site, redrawn in place. Without a
// terminal (cron, CI, pipes): plain log lines when a site starts and ends, and a heartbeat.

import { createLogUpdate } from 'log-update';
import type { RunObserver, SiteCounters } from '../crawl/run-observer.ts';
import type { PageError } from '../crawl/site-crawler.ts';
import type { SiteRunStatus } from '../crawl/run-status.ts';
import { redact } from './redact.ts';

interface SiteLine extends SiteCounters {
  state: 'waiting' | 'running' | SiteRunStatus;
  started: number;
  lastError: string | null;
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  /** Force plain lines even on a terminal (--no-progress, or tests). */
  plain?: boolean;
  /** Plain mode: how often to print a heartbeat line, in ms. */
  heartbeatMs?: number;
}

export function createProgress(options: ProgressOptions = {}): RunObserver & { stop(): void } {
  const stream = options.stream ?? process.stderr;
  const live = !options.plain && stream.isTTY === true && process.env.CI !== 'true';
  return live ? new LiveProgress(stream) : new PlainProgress(stream, options.heartbeatMs ?? 15_000);
}

abstract class BaseProgress implements RunObserver {
  protected readonly sites = new Map<string, SiteLine>();
  protected runId = 0;

  runStarted(runId: number, siteIds: readonly string[]): void {
    this.runId = runId;
    for (const id of siteIds) this.sites.set(id, { pages: 0, profiles: 0, errors: 0, state: 'waiting', started: 0, lastError: null });
  }
  siteStarted(siteId: string): void {
    const line = this.line(siteId);
    line.state = 'running';
    line.started = Date.now();
  }
  siteProgress(siteId: string, counters: SiteCounters): void {
    Object.assign(this.line(siteId), counters);
  }
  pageError(siteId: string, error: PageError): void {
    this.line(siteId).lastError = `${error.kind}: ${error.reason}`;
  }
  siteFinished(siteId: string, status: SiteRunStatus, counters: SiteCounters): void {
    Object.assign(this.line(siteId), counters, { state: status });
  }
  protected finalising: string | null = null;
  finaliseStarted(step: 'clustering'): void {
    this.finalising = step === 'clustering' ? 'clustering profiles by shared phones…' : step;
  }
  finaliseFinished(_step: 'clustering', error?: string): void {
    this.finalising = error ? `clustering failed: ${error}` : null;
  }
  abstract stop(): void;

  protected line(siteId: string): SiteLine {
    let line = this.sites.get(siteId);
    if (!line) this.sites.set(siteId, (line = { pages: 0, profiles: 0, errors: 0, state: 'waiting', started: 0, lastError: null }));
    return line;
  }
  protected describe(siteId: string, line: SiteLine): string {
    const secs = line.started ? ((Date.now() - line.started) / 1000).toFixed(0) : '0';
    return `${siteId.padEnd(this.width())}  ${line.state.padEnd(11)} pages ${String(line.pages).padStart(6)}  profiles ${String(line.profiles).padStart(6)}  errors ${String(line.errors).padStart(4)}  ${secs}s`;
  }
  private width(): number {
    return Math.max(8, ...[...this.sites.keys()].map((id) => id.length));
  }
}

class LiveProgress extends BaseProgress {
  private readonly update: ReturnType<typeof createLogUpdate>;
  private readonly timer: NodeJS.Timeout;
  private readonly frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  private frame = 0;

  constructor(stream: NodeJS.WriteStream) {
    super();
    this.update = createLogUpdate(stream, { showCursor: true });
    this.timer = setInterval(() => this.render(), 120);
    this.timer.unref();
  }
  runFinished(): void {
    this.render();
  }
  stop(): void {
    clearInterval(this.timer);
    this.render();
    this.update.done();
  }
  private render(): void {
    this.frame = (this.frame + 1) % this.frames.length;
    const lines = [`Mapping run ${this.runId}`];
    for (const [id, line] of this.sites) {
      const mark = line.state === 'running' ? this.frames[this.frame] : line.state === 'ok' ? '✓' : line.state === 'waiting' ? '·' : '!';
      lines.push(`${mark} ${this.describe(id, line)}${line.lastError && line.state === 'running' ? `  last error: ${redact(line.lastError).slice(0, 60)}` : ''}`);
    }
    if (this.finalising) lines.push(`${this.frames[this.frame]} ${this.finalising}`);
    this.update(lines.join('\n'));
  }
}

class PlainProgress extends BaseProgress {
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly stream: NodeJS.WriteStream, heartbeatMs: number) {
    super();
    this.timer = setInterval(() => this.heartbeat(), heartbeatMs);
    this.timer.unref();
  }
  override runStarted(runId: number, siteIds: readonly string[]): void {
    super.runStarted(runId, siteIds);
    this.print(`run ${runId}: mapping ${siteIds.length} site(s): ${siteIds.join(', ')}`);
  }
  override siteStarted(siteId: string): void {
    super.siteStarted(siteId);
    this.print(`${siteId}: started`);
  }
  override pageError(siteId: string, error: PageError): void {
    super.pageError(siteId, error);
    this.print(`${siteId}: page error (${error.kind}): ${error.reason}`);
  }
  override siteFinished(siteId: string, status: SiteRunStatus, counters: SiteCounters): void {
    super.siteFinished(siteId, status, counters);
    this.print(`${siteId}: ${status}, ${counters.pages} pages, ${counters.profiles} profiles, ${counters.errors} errors`);
  }
  override finaliseStarted(step: 'clustering'): void {
    super.finaliseStarted(step);
    this.print(`run ${this.runId}: ${this.finalising}`);
  }
  override finaliseFinished(step: 'clustering', error?: string): void {
    super.finaliseFinished(step, error);
    this.print(`run ${this.runId}: ${error ? `clustering failed: ${error}` : 'clustering done'}`);
  }
  stop(): void {
    clearInterval(this.timer);
  }
  private heartbeat(): void {
    for (const [id, line] of this.sites) if (line.state === 'running') this.print(this.describe(id, line));
  }
  private print(text: string): void {
    this.stream.write(`${new Date().toISOString()} ${redact(text)}\n`);
  }
}
