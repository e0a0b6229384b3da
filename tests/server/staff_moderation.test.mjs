// The staff page (issue 11): sign-in, session cookie, CSRF checks and the moderation queue, on
// almere-server at 127.0.0.1 with headless Chromium.
//   - sign in through the page (the token only ever in a POST body, never in a URL), moderate
//     with the keyboard (a, h, u, j, k) and see GET /api/comments change;
//   - the cookie: HttpOnly, SameSite=Strict, Path=/, Max-Age; Secure only with --https or
//     X-Forwarded-Proto from the --trusted-proxy;
//   - a cross-site change (another local port, or no CSRF header) is 403, an expired cookie 401;
//   - the queue's filters and its 400s, Cache-Control: no-store on staff answers;
//   - axe-core (WCAG 2.0/2.1 A+AA, 2.2 AA) finds nothing on the sign-in form and the queue.
// The site is the web build's (build/web/bin, or ALMERE_SITE) where it has the staff page;
// otherwise the native build's staff/ folder (build/native/bin/staff) beside a stand-in
// index.html: the server wants one, and the 3D viewer plays no part here.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { get, post, reaction, startServer } from './harness.mjs';
import { axeViolations, binDir, launchChromium, siteDir } from '../web/harness.mjs';

const DAY = 24 * 3600;
const T0 = Date.UTC(2026, 10, 18) / 1000; // 18 November 2026, 00:00 UTC

function staffSite() {
  if (fs.existsSync(path.join(siteDir, 'staff', 'index.html'))) return siteDir;
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'almere-staff-site-'));
  fs.cpSync(path.join(binDir, 'staff'), path.join(site, 'staff'), { recursive: true });
  fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>viewer</title>\n');
  return site;
}

async function startStaffServer(args = []) {
  return startServer({ args: ['--web', staffSite(), ...args] });
}

// Signs in from Node as the page would (same origin); resolves to { cookie, csrf, setCookie }.
async function signIn(s, headers = {}) {
  const res = await fetch(`${s.url}/api/staff/signin`, {
    method: 'POST', body: JSON.stringify({ token: s.token }),
    headers: { 'Content-Type': 'application/json', Origin: s.url, 'Sec-Fetch-Site': 'same-origin', ...headers },
  });
  assert.equal(res.status, 200, await res.clone().text());
  const setCookie = res.headers.getSetCookie()[0];
  return { cookie: setCookie.split(';')[0], csrf: (await res.json()).csrf, setCookie };
}

const moderation = (s, id, status, headers) =>
  post(`${s.url}/api/admin/reactions/${id}/moderation`, { status }, { headers });

async function exported(s) {
  const res = await get(`${s.url}/api/admin/export.json`, { Authorization: `Bearer ${s.token}` });
  assert.equal(res.status, 200);
  return Object.fromEntries(res.json.reactions.map((r) => [r.id, r.moderation]));
}

const publicComments = async (s, id = 'pampus') =>
  (await get(`${s.url}/api/comments?kind=plan&id=${id}`)).json.comments.map((c) => c.comment);

// Six comments over three days, plans, phases, wijken and channels; one without a comment.
const SEEDS = [
  { comment: 'Eerste: meer bomen bij de haven.', created_at: T0 + 3600 },
  { comment: 'Tweede: liever geen hoogbouw.', created_at: T0 + 7200, plan_state: 'plans=pampus,hart;phase=2040' },
  { comment: 'Derde: over het hart.', subject: { kind: 'plan', id: 'hart' }, plan_state: 'plans=hart;phase=nu', channel: 'kiosk', created_at: T0 + DAY },
  { comment: 'Vierde: in Oosterwold.', subject: { kind: 'plan', id: 'oosterwold' }, wijk: 'WK003465', plan_state: 'plans=;phase=2050', channel: 'session', created_at: T0 + DAY + 60 },
  { comment: 'Vijfde: een plek.', subject: { kind: 'place', id: 'WK003465' }, pin: { lon: 5.22, lat: 52.37 }, plan_state: 'plans=oosterwold;phase=2050', created_at: T0 + 2 * DAY },
  { comment: '', created_at: T0 + 2 * DAY + 60 },
];

async function seed(s) {
  const ids = [];
  for (const changes of SEEDS) {
    const body = reaction(changes);
    const res = await post(`${s.url}/api/reactions`, body, { headers: { 'X-Almere-Installation': crypto.randomUUID() } });
    assert.equal(res.status, 201, res.text);
    ids.push(body.id);
  }
  return ids;
}

let browser;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

describe('the staff page in the browser', () => {
  let s;
  let ids;
  before(async () => {
    s = await startStaffServer();
    ids = await seed(s);
  });
  after(async () => { await s?.stop(); });

  test('sign in, moderate with the keyboard, the public comments follow; axe finds nothing', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const urls = [];
    context.on('request', (r) => urls.push(r.url()));
    const page = await context.newPage();
    await page.goto(`${s.url}/staff/`);
    const key = page.getByLabel('Beheersleutel');
    await key.waitFor();
    assert.equal(await key.getAttribute('type'), 'password');
    assert.deepEqual(await axeViolations(page), [], 'sign-in form');

    await key.fill('not-the-token-at-all');
    await key.press('Enter');
    await page.getByText('Deze beheersleutel klopt niet').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'sign-in form with its error');

    await key.fill(s.token);
    await key.press('Enter');
    await page.getByRole('heading', { name: 'Reacties beoordelen' }).waitFor();
    assert.equal(await page.locator('#teller').textContent(), 'Reactie 1 van 5', 'the five comments, not the empty one');
    assert.equal(await page.locator('#tekst').textContent(), SEEDS[0].comment, 'oldest first');
    assert.equal(await page.locator('#over').textContent(), 'plan: Almere Pampus', 'names, not ids');
    assert.equal(await key.inputValue(), '', 'the field forgets the token');
    assert.deepEqual(await axeViolations(page), [], 'the queue with its filters');

    const [cookie] = await context.cookies();
    assert.equal(cookie.name, 'almere_staff');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.secure, false, 'plain http without a trusted proxy');
    assert.equal(await page.evaluate(() => document.cookie), '', 'the script cannot read it');

    const said = page.locator('#gezegd');
    await page.keyboard.press('a'); // approve the first
    await page.locator('#teller').getByText('Reactie 2 van 5').waitFor();
    assert.equal(await said.textContent(), 'Goedgekeurd');
    assert.deepEqual(await publicComments(s), [SEEDS[0].comment]);

    await page.keyboard.press('h'); // hide the second
    await page.locator('#teller').getByText('Reactie 3 van 5').waitFor();
    assert.equal(await said.textContent(), 'Verborgen');
    assert.equal((await exported(s))[ids[1]], 'hidden');

    await page.keyboard.press('u'); // undo: the second is new again, and shown
    await page.locator('#teller').getByText('Reactie 2 van 5').waitFor();
    assert.equal(await said.textContent(), 'Teruggezet');
    assert.equal((await exported(s))[ids[1]], 'new');

    await page.keyboard.press('k'); // back to the first, hide it: off the public list
    await page.locator('#teller').getByText('Reactie 1 van 5').waitFor();
    await page.keyboard.press('h');
    await page.locator('#teller').getByText('Reactie 2 van 5').waitFor();
    assert.deepEqual(await publicComments(s), []);
    await page.keyboard.press('u'); // and back: approved again
    await page.locator('#teller').getByText('Reactie 1 van 5').waitFor();
    assert.deepEqual(await publicComments(s), [SEEDS[0].comment]);
    await page.keyboard.press('j');
    await page.keyboard.press('ArrowRight');
    await page.locator('#teller').getByText('Reactie 3 van 5').waitFor();

    // The buttons do the same for touch and mouse.
    await page.getByRole('button', { name: 'Goedkeuren (a)' }).click();
    await page.locator('#teller').getByText('Reactie 4 van 5').waitFor();
    assert.deepEqual(await publicComments(s, 'hart'), [SEEDS[2].comment]);

    // Filters: approved comments only, then new ones about Oosterwold from a session.
    await page.getByLabel('Status').selectOption('approved');
    await page.getByRole('button', { name: 'Filters toepassen' }).click();
    await page.locator('#teller').getByText('Reactie 1 van 2').waitFor();
    await page.getByLabel('Status').selectOption('new');
    await page.getByLabel('Plan').selectOption('oosterwold');
    await page.getByLabel('Kanaal').selectOption('session');
    await page.getByRole('button', { name: 'Filters toepassen' }).click();
    await page.locator('#teller').getByText('Reactie 1 van 1').waitFor();
    assert.equal(await page.locator('#tekst').textContent(), SEEDS[3].comment);
    await page.getByLabel('Kanaal').selectOption('kiosk');
    await page.getByRole('button', { name: 'Filters toepassen' }).click();
    await page.getByText('Geen reacties met deze filters.').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'an empty queue');

    // Signed in, the results and the report open with the cookie alone (no token header).
    await page.getByRole('link', { name: 'Resultaten' }).click();
    await page.getByRole('heading', { name: 'Resultaten', level: 1 }).waitFor();
    const total = await page.locator('table[data-table="totals"] tbody tr').first().locator('td.count').textContent();
    assert.equal(Number(total), Object.keys(await exported(s)).length, 'the results count the export\'s rows');
    await page.goBack();
    await page.getByRole('heading', { name: 'Reacties beoordelen' }).waitFor();

    await page.getByRole('button', { name: 'Afmelden' }).click();
    await key.waitFor();
    assert.equal((await page.request.get(`${s.url}/api/staff/me`)).status(), 401, 'signed out on the server too');

    assert.ok(urls.length > 5);
    for (const url of urls) assert.ok(!url.includes(s.token), `the token is in ${url}`);
    await context.close();
  });

  test('a page on another local port cannot change anything with the cookie', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${s.url}/staff/`);
    await page.getByLabel('Beheersleutel').fill(s.token);
    await page.getByLabel('Beheersleutel').press('Enter');
    await page.getByRole('heading', { name: 'Reacties beoordelen' }).waitFor();
    const before = (await exported(s))[ids[4]];
    // Same site (127.0.0.1), so the SameSite=Strict cookie is sent along: the server's own checks
    // must refuse it. no-cors: the page cannot read the answer, but Chromium sends the request.
    const evil = http.createServer((req, res) => {
      res.setHeader('Content-Type', 'text/html');
      res.end('<!doctype html><title>elders</title>');
    });
    await new Promise((r) => evil.listen(0, '127.0.0.1', r));
    const evilUrl = `http://127.0.0.1:${evil.address().port}/`;
    try {
      await page.goto(evilUrl);
      const answered = page.waitForResponse((r) => r.url().includes('/moderation'));
      await page.evaluate(({ url }) => fetch(url, {
        method: 'POST', mode: 'no-cors', credentials: 'include',
        headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ status: 'approved' }),
      }).catch(() => {}), { url: `${s.url}/api/admin/reactions/${ids[4]}/moderation` });
      assert.equal((await answered).status(), 403);
      assert.equal((await exported(s))[ids[4]], before, 'nothing changed');
    } finally {
      evil.close();
      await context.close();
    }
  });
});

describe('the staff API', () => {
  let s;
  let ids;
  before(async () => {
    s = await startStaffServer();
    ids = await seed(s);
  });
  after(async () => { await s?.stop(); });

  test('the cookie: HttpOnly, SameSite=Strict, Path=/, Max-Age of the lifetime, no Secure over http', async () => {
    const { setCookie, cookie } = await signIn(s, { 'X-Forwarded-Proto': 'https' }); // not from a trusted proxy
    assert.match(setCookie, /^almere_staff=[0-9a-f]{64}; Path=\/; Max-Age=28800; HttpOnly; SameSite=Strict$/);
    for (const headers of [{}, { Cookie: cookie }]) {
      const me = await get(`${s.url}/api/staff/me`, headers);
      assert.equal(me.status, headers.Cookie ? 200 : 401);
      assert.equal(me.headers.get('cache-control'), 'no-store');
    }
  });

  test('the staff page may be framed by no one; the viewer keeps the site policy', async () => {
    const page = await fetch(`${s.url}/staff/`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-security-policy'), "frame-ancestors 'none'");
    assert.equal((await fetch(`${s.url}/`)).headers.get('content-security-policy'), "frame-ancestors 'self'");
  });

  test('a change with the cookie needs the same origin and the CSRF token', async () => {
    const { cookie, csrf } = await signIn(s);
    const same = { Cookie: cookie, Origin: s.url, 'Sec-Fetch-Site': 'same-origin', 'X-Almere-CSRF': csrf };
    const other = `http://127.0.0.1:${Number(new URL(s.url).port) + 1}`;
    const refused = [
      ['another local port', { ...same, Origin: other, 'Sec-Fetch-Site': 'same-site' }],
      ['another origin only', { ...same, Origin: other }],
      ['no CSRF header', { Cookie: cookie, Origin: s.url, 'Sec-Fetch-Site': 'same-origin' }],
      ['a wrong CSRF token', { ...same, 'X-Almere-CSRF': csrf.replace(/.$/, (c) => (c === '0' ? '1' : '0')) }],
      ['neither Origin nor Sec-Fetch-Site', { Cookie: cookie, 'X-Almere-CSRF': csrf }],
    ];
    for (const [what, headers] of refused) {
      const res = await moderation(s, ids[0], 'approved', headers);
      assert.equal(res.status, 403, what);
      assert.equal(res.headers.get('cache-control'), 'no-store', what);
    }
    assert.equal((await exported(s))[ids[0]], 'new');
    const ok = await moderation(s, ids[0], 'approved', same);
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.headers.get('cache-control'), 'no-store');
    assert.equal((await exported(s))[ids[0]], 'approved');
    // Reading needs no CSRF token; the bearer token still works for scripts.
    assert.equal((await get(`${s.url}/api/admin/queue`, { Cookie: cookie })).status, 200);
    assert.equal((await moderation(s, ids[0], 'new', { Authorization: `Bearer ${s.token}` })).status, 200);
    assert.equal((await get(`${s.url}/api/admin/queue`, { Cookie: 'almere_staff=0123' })).status, 401);
    assert.equal((await get(`${s.url}/api/admin/queue`)).status, 401);
  });

  test('sign-in: wrong token 403, cross-site 403, and guessing is slowed down (429)', async () => {
    const attempt = (token, headers = { Origin: s.url, 'Sec-Fetch-Site': 'same-origin' }) =>
      post(`${s.url}/api/staff/signin`, { token }, { headers });
    const wrong = await attempt('wrong-token-wrong-token');
    assert.equal(wrong.status, 403);
    assert.equal(wrong.headers.get('set-cookie'), null);
    assert.equal((await attempt(s.token, { Origin: 'http://127.0.0.1:1', 'Sec-Fetch-Site': 'same-site' })).status, 403);
    let limited;
    for (let i = 0; i < 12 && !limited; ++i) {
      const res = await attempt('wrong-token-wrong-token');
      if (res.status === 429) limited = res;
      else assert.equal(res.status, 403);
    }
    assert.ok(limited, 'no 429 after 14 attempts');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.equal((await attempt(s.token)).status, 429, 'even the right token waits');
  });

  test('the queue: filters, oldest first, only comments; every bad parameter is named', async () => {
    const auth = { Authorization: `Bearer ${s.token}` };
    const queue = async (q) => {
      const res = await get(`${s.url}/api/admin/queue${q}`, auth);
      assert.equal(res.status, 200, `${q}: ${res.text}`);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      return res.json.reactions.map((r) => r.comment);
    };
    const c = SEEDS.map((x) => x.comment);
    assert.deepEqual(await queue(''), c.slice(0, 5));
    assert.deepEqual(await queue('?plan=pampus'), [c[0], c[1]]);
    assert.deepEqual(await queue('?plan=hart'), [c[1], c[2]], 'about the plan, or given while it was on');
    assert.deepEqual(await queue('?plan=oosterwold'), [c[3], c[4]]);
    assert.deepEqual(await queue('?phase=2050'), [c[0], c[3], c[4]]);
    assert.deepEqual(await queue('?phase=nu'), [c[2]]);
    assert.deepEqual(await queue('?wijk=WK003465'), [c[3], c[4]]);
    assert.deepEqual(await queue('?channel=kiosk'), [c[2]]);
    assert.deepEqual(await queue('?channel=session'), [c[3]]);
    assert.deepEqual(await queue('?from=2026-11-19&to=2026-11-19'), [c[2], c[3]]);
    assert.deepEqual(await queue('?from=2026-11-20'), [c[4]]);
    assert.deepEqual(await queue('?to=2026-11-18'), [c[0], c[1]]);
    assert.deepEqual(await queue('?status=approved'), []);
    const first = (await get(`${s.url}/api/admin/queue?channel=kiosk`, auth)).json.reactions[0];
    assert.deepEqual(Object.keys(first), ['id', 'subject', 'wijk', 'rating', 'comment', 'lang', 'channel',
      'plan_state', 'created_at', 'moderation']);
    assert.deepEqual([first.id, first.subject, first.plan_state, first.moderation],
      [ids[2], { kind: 'plan', id: 'hart' }, 'plans=hart;phase=nu', 'new']);

    for (const [q, field] of [['status=old', 'status'], ['plan=nieuwland', 'plan'], ['phase=1990', 'phase'],
      ['wijk=WK999999', 'wijk'], ['channel=fax', 'channel'], ['from=2026-02-30', 'from'],
      ['to=18-11-2026', 'to'], ['from=2026-11-20&to=2026-11-19', 'to'], ['sort=new', 'sort']]) {
      const res = await get(`${s.url}/api/admin/queue?${q}`, auth);
      assert.equal(res.status, 400, q);
      assert.ok(res.json.error.startsWith(`${field}:`), `${q}: ${res.json.error}`);
    }
  });
});

test('an expired staff cookie is refused 401, and the page asks to sign in again', async () => {
  const s = await startStaffServer(['--staff-session-seconds', '2']);
  try {
    const [id] = await seed(s);
    const { cookie, csrf, setCookie } = await signIn(s);
    assert.match(setCookie, /Max-Age=2;/);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${s.url}/staff/`);
    await page.getByLabel('Beheersleutel').fill(s.token);
    await page.getByLabel('Beheersleutel').press('Enter');
    await page.getByRole('heading', { name: 'Reacties beoordelen' }).waitFor();
    await new Promise((r) => setTimeout(r, 2500));
    const headers = { Cookie: cookie, Origin: s.url, 'Sec-Fetch-Site': 'same-origin', 'X-Almere-CSRF': csrf };
    assert.equal((await moderation(s, id, 'approved', headers)).status, 401);
    assert.equal((await get(`${s.url}/api/admin/queue`, { Cookie: cookie })).status, 401);
    await page.keyboard.press('a');
    await page.getByText('Je bent afgemeld, want je sessie is verlopen.').waitFor();
    assert.equal((await exported(s))[id], 'new');
    await context.close();
  } finally {
    await s.stop();
  }
});

test('Secure: with --https, and with X-Forwarded-Proto from the trusted proxy only', async () => {
  const https = await startStaffServer(['--https', '--staff-session-minutes', '5']);
  try {
    assert.match((await signIn(https, { Origin: https.url.replace('http:', 'https:') })).setCookie,
      /; Max-Age=300; HttpOnly; SameSite=Strict; Secure$/);
  } finally {
    await https.stop();
  }
  const proxied = await startStaffServer(['--trusted-proxy', '127.0.0.1']);
  try {
    const viaProxy = { 'X-Forwarded-Proto': 'https', Origin: proxied.url.replace('http:', 'https:') };
    assert.match((await signIn(proxied, viaProxy)).setCookie, /; Secure$/);
    assert.doesNotMatch((await signIn(proxied)).setCookie, /Secure/, 'plain http through no proxy');
  } finally {
    await proxied.stop();
  }
});
