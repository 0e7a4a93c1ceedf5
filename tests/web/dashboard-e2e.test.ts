// The dashboard end to end, as people use it: Debian's Chromium (Playwright) against the real
// server on 127.0.0.1. Each role signs in through the form; an outreach worker filters clusters by
// region, reveals a cluster's numbers and writes a case note; the admin finds the reveal in the
// audit log; an analyst sees no reveal form and is refused when posting one anyway; signing out
// ends the session. Screenshots of the main pages go to <tmp>/kartla-dashboard-screens/.

import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../src/browser/chromium.ts';
import { PASSWORDS, buildDashboardFixture, type DashboardFixture } from './dashboard-fixture.ts';

const SCREENS = path.join(tmpdir(), 'kartla-dashboard-screens');

let f: DashboardFixture;
let browser: Browser;
const contexts: BrowserContext[] = [];
const requests: string[] = [];
const consoleErrors: string[] = [];
const screenshots: string[] = [];

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true });
  console.log(`dashboard screenshots: ${SCREENS}`);
  f = await buildDashboardFixture();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}, 900_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await f?.close();
});

/** A new browser (own cookies), its requests and console errors recorded. */
async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('console', (m) => {
    // Chromium logs every 401 and 403 answer to a page load; the tests ask for those on purpose
    // (signed out, or a role refused) and check the status themselves.
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 40[13] /.test(m.text())) consoleErrors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
  page.on('dialog', (d) => {
    consoleErrors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return page;
}

async function signIn(name: keyof typeof PASSWORDS): Promise<Page> {
  const page = await newPage();
  const res = await page.goto(`${f.base}/`);
  // No session: the browser is sent on to the login page.
  expect(res?.status()).toBe(401);
  await page.waitForURL(`${f.base}/login?next=%2F`);
  await page.fill('input[name="name"]', name);
  await page.fill('input[name="password"]', PASSWORDS[name]);
  await Promise.all([page.waitForURL(`${f.base}/`), page.click('main button[type="submit"]')]);
  await expect.poll(() => page.locator('header .who').innerText()).toContain(name);
  expect(await page.locator('header form[action="/logout"][method="post"] input[name="_csrf"]').count()).toBe(1);
  return page;
}

async function shot(page: Page, name: string) {
  const file = path.join(SCREENS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  screenshots.push(file);
}

async function go(page: Page, p: string, status = 200) {
  const res = await page.goto(`${f.base}${p}`);
  expect(res?.status(), p).toBe(status);
  return res!;
}

const lastRun = () => f.runIds.at(-1)!;

async function regionsOf(clusterId: number): Promise<string[]> {
  const cr = await f.db.prisma.clusterRun.findFirst({ where: { clusterId, runId: lastRun() } });
  return Object.keys(((cr?.facts ?? {}) as { regionCounts?: Record<string, number> }).regionCounts ?? {});
}

let clusterId = 0;
let revealed: string[] = [];

describe('the dashboard in a browser', () => {
  it('each role signs in through the form and sees the overview', async () => {
    for (const name of ['anna', 'eva', 'olle'] as const) {
      const page = await signIn(name);
      await expect.poll(() => page.locator('figure#chart-over-time').count()).toBe(1);
      expect(await page.locator('table#site-changes').count()).toBe(1);
      const alerts = (await page.locator('table#alerts-table').count()) + (/inga larm|no alerts/i.test(await page.locator('main').innerText()) ? 1 : 0);
      expect(alerts).toBeGreaterThan(0);
      if (name === 'anna') await shot(page, 'overview');
      // What the nav offers depends on the role.
      expect(await page.locator('header a[href="/audit"]').count()).toBe(name === 'anna' ? 1 : 0);
      expect(await page.locator('header a[href="/notes"]').count()).toBe(name === 'eva' ? 0 : 1);
    }
  }, 180_000);

  it('an outreach worker filters clusters by region, opens one and reveals its numbers (audited)', async () => {
    const page = await signIn('olle');
    await go(page, '/clusters');
    expect(await page.locator('table#clusters-table').count()).toBe(1);
    await shot(page, 'clusters');

    // All regions first (an outreach worker's list starts in their own), so that the filter below
    // has clusters of other regions to leave out.
    await go(page, '/clusters?region=');
    const everyRegion = await page.locator('tr.cluster-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-cluster-id'))));
    const outside: number[] = [];
    for (const id of everyRegion) if (!(await regionsOf(id)).includes(f.region)) outside.push(id);
    expect(outside.length).toBeGreaterThan(0);

    const field = page.locator('form.filters[method="get"][action="/clusters"] [name="region"]');
    expect(await field.count()).toBe(1);
    if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(f.region);
    else await field.fill(f.region);
    await Promise.all([page.waitForURL(/\/clusters\?.*region=/), page.locator('form.filters button, form.filters input[type="submit"]').first().click()]);
    expect(new URL(page.url()).searchParams.get('region')).toBe(f.region);
    const rows = page.locator('tr.cluster-row');
    const n = await rows.count();
    expect(n).toBeGreaterThan(0);
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const row = rows.nth(i);
      const id = Number(await row.getAttribute('data-cluster-id'));
      expect(Number.isInteger(id) && id > 0).toBe(true);
      ids.push(id);
      expect(await regionsOf(id), `cluster ${id}`).toContain(f.region);
      expect(await row.innerText(), `cluster ${id}`).toContain(f.region);
      expect((await row.locator('.why').innerText()).trim().length, `cluster ${id} .why`).toBeGreaterThan(0);
    }
    for (const id of outside) expect(ids).not.toContain(id);
    // Every cluster of the region is listed (on the first page or counted on later ones).
    const inRegion = (await f.db.prisma.clusterRun.findMany({ where: { runId: lastRun() } })).filter((cr) => ((cr.facts as { regionCounts?: Record<string, number> }).regionCounts ?? {})[f.region]);
    expect(inRegion.length).toBeGreaterThanOrEqual(n);

    clusterId = ids.includes(f.hostileClusterId) ? f.hostileClusterId : ids[0]!;
    await Promise.all([page.waitForURL(new RegExp(`^${f.base}/clusters/${clusterId}(\\?[^#]*)?$`)), page.locator(`tr.cluster-row[data-cluster-id="${clusterId}"] a[href^="/clusters/"]`).first().click()]);
    expect(await page.locator('table#members-table').count()).toBe(1);
    expect(await page.locator('li.phone.masked').count()).toBeGreaterThan(0);
    expect(await page.locator('li.phone.revealed').count()).toBe(0);
    expect(await page.locator(`form#reveal-form[method="post"][action="/clusters/${clusterId}/reveal"]`).count()).toBe(1);
    await shot(page, 'cluster');
    const masked = await page.content();

    const before = await f.db.prisma.auditEvent.count({ where: { action: 'reveal' } });
    await Promise.all([page.waitForURL(new RegExp(`^${f.base}/clusters/${clusterId}/reveal(\\?.*)?$`)), page.locator('form#reveal-form button, form#reveal-form input[type="submit"]').first().click()]);
    const clear = page.locator('li.phone.revealed .e164');
    expect(await clear.count()).toBeGreaterThan(0);
    revealed = (await clear.allInnerTexts()).map((t) => t.trim());
    for (const e164 of revealed) expect(e164).toMatch(/^\+\d{7,15}$/);
    await shot(page, 'cluster-revealed');

    // The masked page showed none of them.
    for (const e164 of revealed) {
      expect(masked).not.toContain(e164);
      if (e164.startsWith('+46')) expect(masked).not.toContain(`0${e164.slice(3)}`);
    }
    const events = await f.db.prisma.auditEvent.findMany({ where: { action: 'reveal' }, orderBy: { id: 'asc' } });
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)).toMatchObject({ actor: 'web:olle', action: 'reveal', target: `cluster ${clusterId} run ${lastRun()}`, source: '127.0.0.1' });
  }, 240_000);

  it('an outreach worker reveals a profile\'s address (audited) without the browser going there', async () => {
    const page = await signIn('olle');
    const member = await f.db.prisma.clusterMember.findFirst({ where: { clusterId: clusterId || f.hostileClusterId, runId: lastRun() }, orderBy: { profileId: 'asc' } });
    const profileId = member!.profileId;
    await go(page, `/profiles/${profileId}`);
    expect(await page.locator('table#profile-history').count()).toBe(1);
    expect(await page.locator('#profile-url').count()).toBe(0);
    await shot(page, 'profile');
    const before = await f.db.prisma.auditEvent.count({ where: { actor: 'web:olle' } });
    await Promise.all([
      page.waitForURL(new RegExp(`^${f.base}/profiles/${profileId}/reveal(\\?.*)?$`)),
      page.locator(`form#reveal-url-form[action="/profiles/${profileId}/reveal"] button, form#reveal-url-form input[type="submit"]`).first().click(),
    ]);
    expect(await page.locator('p#profile-url').innerText()).toMatch(/https?:\/\/\S+/);
    const events = await f.db.prisma.auditEvent.findMany({ where: { actor: 'web:olle' }, orderBy: { id: 'asc' } });
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)!.target).toContain(String(profileId));
    expect(events.at(-1)!.source).toBe('127.0.0.1');
  }, 120_000);

  it('an outreach worker writes a case note and finds it on the cluster page and in the notes', async () => {
    const page = await signIn('olle');
    await go(page, `/clusters/${clusterId}`);
    expect(await page.locator('section#notes').count()).toBe(1);
    const form = page.locator('form#note-form[method="post"][action="/notes"]');
    expect(await form.count()).toBe(1);
    expect(await form.locator('[name="clusterId"]').inputValue()).toBe(String(clusterId));
    const text = `Kontakt via telefon, erbjöd stöd ${Date.now()}`;
    const status = form.locator('[name="status"]');
    if ((await status.first().evaluate((e) => e.tagName)) === 'SELECT') await status.selectOption('follow_up');
    else await form.locator('[name="status"][value="follow_up"]').check();
    await form.locator('[name="note"]').fill(text);
    await form.locator('[name="date"]').fill('2026-11-20');
    await Promise.all([page.waitForURL(`${f.base}/clusters/${clusterId}#notes`), form.locator('button, input[type="submit"]').first().click()]);
    expect(await page.locator('section#notes').innerText()).toContain(text);
    const saved = await f.db.prisma.caseNote.findFirst({ where: { note: text }, include: { author: true } });
    expect(saved).toMatchObject({ clusterId, status: 'follow_up', noteDate: '2026-11-20', region: f.region });
    expect(saved!.author.name).toBe('olle');

    await go(page, '/notes');
    const rows = page.locator('table#notes-table tr.note-row');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await page.locator('table#notes-table tr.note-row', { hasText: text }).count()).toBe(1);
    await shot(page, 'notes');
  }, 120_000);

  it('the admin sees the reveal in the audit log, with who and from where, and the other pages', async () => {
    const page = await signIn('anna');
    await go(page, '/audit');
    const row = page.locator('table#audit-table tr.audit-row', { hasText: `cluster ${clusterId} run ${lastRun()}` });
    expect(await row.count()).toBeGreaterThan(0);
    const text = await row.first().innerText();
    expect(text).toContain('olle');
    expect(text).toContain('reveal');
    expect(text).toContain('127.0.0.1');
    await shot(page, 'audit');

    const csv = await page.request.get(`${f.base}/audit.csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/text\/csv/);
    expect(await csv.text()).toContain(`cluster ${clusterId} run ${lastRun()}`);
    expect(await f.db.prisma.auditEvent.count({ where: { action: 'export-audit', actor: 'web:anna' } })).toBe(1);

    await go(page, '/sites');
    expect(await page.locator('table#site-health tr.site-run').count()).toBeGreaterThanOrEqual(6);
    await shot(page, 'sites');

    await go(page, '/users');
    const users = await page.locator('table#users-table').innerText();
    for (const name of ['anna', 'eva', 'olle']) expect(users).toContain(name);
    expect(await page.locator('form.disable-user[method="post"][action="/users/eva/disable"]').count()).toBe(1);
  }, 120_000);

  it('an analyst sees no reveal form, and posting one anyway with a valid session and token is refused (403)', async () => {
    const page = await signIn('eva');
    await go(page, `/clusters/${clusterId}`);
    expect(await page.locator('table#members-table').count()).toBe(1);
    expect(await page.locator('form#reveal-form').count()).toBe(0);
    expect(await page.locator('li.phone.revealed').count()).toBe(0);
    const html = await page.content();
    for (const e164 of revealed) expect(html).not.toContain(e164);
    const token = await page.locator('input[name="_csrf"]').first().inputValue();
    expect(token.length).toBeGreaterThan(10);

    const before = await f.db.prisma.auditEvent.count({ where: { action: 'reveal' } });
    const res = await page.request.post(`${f.base}/clusters/${clusterId}/reveal`, { form: { _csrf: token } });
    expect(res.status()).toBe(403);
    const body = await res.text();
    for (const e164 of revealed) expect(body).not.toContain(e164);
    expect(await f.db.prisma.auditEvent.count({ where: { action: 'reveal' } })).toBe(before);
    // The same request with the token but from the notes and profile routes: refused too.
    expect((await page.request.post(`${f.base}/notes`, { form: { _csrf: token, clusterId: String(clusterId), status: 'contacted', note: 'x', date: '2026-11-20' } })).status()).toBe(403);
    await go(page, '/notes', 403);
    await go(page, '/audit', 403);
  }, 120_000);

  it('signing out ends the session: the overview sends the browser to the login page', async () => {
    const page = await signIn('olle');
    const cookieBefore = (await page.context().cookies()).find((c) => c.name === 'kartla_session');
    expect(cookieBefore?.httpOnly).toBe(true);
    expect(cookieBefore?.sameSite).toBe('Strict');
    await Promise.all([page.waitForURL(`${f.base}/login`), page.locator('header form[action="/logout"] button').click()]);
    expect((await page.context().cookies()).find((c) => c.name === 'kartla_session')).toBeUndefined();
    await go(page, '/', 401);
    await page.waitForURL(`${f.base}/login?next=%2F`);
    // The old cookie is dead on the server too, not only gone from the browser.
    const again = await page.request.get(`${f.base}/clusters`, { headers: { cookie: `kartla_session=${cookieBefore!.value}`, accept: 'text/html' }, maxRedirects: 0 });
    expect(again.status()).toBe(401);
  }, 120_000);

  it('saved a non-empty PNG of every main page', () => {
    const names = screenshots.map((s) => path.basename(s, '.png')).sort();
    expect(names).toEqual(['audit', 'cluster', 'cluster-revealed', 'clusters', 'notes', 'overview', 'profile', 'sites']);
    for (const file of screenshots) {
      expect(statSync(file).size, file).toBeGreaterThan(1000);
      expect(readFileSync(file).subarray(0, 8).toString('hex'), file).toBe('89504e470d0a1a0a');
    }
  });

  it('the browser logged no error and asked no other origin than the server', () => {
    expect(requests.length).toBeGreaterThan(10);
    const foreign = requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== f.base);
    expect(foreign).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
