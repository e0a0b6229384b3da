// Browser end-to-end test of "Geef je mening" (issue 4): in headless Chromium a resident drops a
// pin, rates, types a comment (on the app's own keyboard and on a real one), gives background
// and consent, and sends; the reaction then is a row in the server's database, with the plan
// state and the pin's position. And: a post that fails stays in the browser and arrives later.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { keepLocal, launchChromium, startServer, targetPosition, waitFrames, wijkScreenPosition } from './harness.mjs';

const TOKEN = 'test-admin-token-0123456789abcdef';
const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');
const CENTRUM = 'WK003417'; // Centrum Almere Stad

let server;
let browser;

before(async () => {
  server = await startServer({ env: { ALMERE_ADMIN_TOKEN: TOKEN } });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});


const feedbackStep = (page) => page.evaluate(() => Module._almere_feedback_step());
const STEPS = ['closed', 'subject', 'pin', 'where', 'rating', 'comment', 'background', 'consent', 'thanks'];

// Taps a named control as a finger would, then lets the app draw the change.
async function tap(page, name) {
  await waitFrames(page, 1).catch(() => {});
  const p = await targetPosition(page, name);
  assert.ok(p, `control "${name}" is on screen (step ${STEPS[await feedbackStep(page)]})`);
  await page.mouse.click(p.x, p.y);
  await waitFrames(page, 2);
}

async function expectStep(page, name) {
  assert.equal(STEPS[await feedbackStep(page)], name);
}

// Gives a short reaction about an ambition, through the app as a resident would.
async function giveReaction(page, comment) {
  await tap(page, 'feedback.give');
  await tap(page, 'feedback.ambition');
  await tap(page, 'ambition:klimaat');
  await tap(page, 'feedback.whole_city'); // heel Almere, and on
  await tap(page, 'rating:2');
  await tap(page, 'feedback.forward');
  await page.keyboard.type(comment);
  await tap(page, 'feedback.forward');
  await tap(page, 'feedback.forward');
  await tap(page, 'feedback.consent');
  await tap(page, 'feedback.forward');
  await expectStep(page, 'thanks');
}

// What the page keeps in localStorage (app/platform/feedback_web.cpp).
const stored = (page, key) =>
  page.evaluate((k) => JSON.parse(localStorage.getItem(k) || '{}'), key);
const OUTBOX = 'almere2050.outbox';
const REFUSED = 'almere2050.refused';

// Says "the network is back" every 250 ms until `condition()` holds: the page then tries at once
// instead of after its growing backoff.
async function nudgeUntil(page, condition, what, timeoutMs = 20000) {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    assert.ok(Date.now() < end, `timed out waiting for ${what}`);
    await page.evaluate(() => window.dispatchEvent(new Event('online'))).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function waitReady(page) {
  await page.waitForFunction(() => window.almereStatus === 'ready', null, { timeout: 30000, polling: 50 });
}

async function openViewer(viewport = { width: 1280, height: 720 }) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const offsite = [];
  await keepLocal(context, server.url, offsite);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console.error: ${m.text()}`); });
  await page.goto(server.url + '/');
  await page.waitForFunction(() => window.almereStatus !== 'loading', null, { timeout: 30000, polling: 50 });
  assert.equal(await page.evaluate(() => window.almereStatus), 'ready');
  await page.waitForFunction(() => Module._almere_frame_count() >= 2, null, { timeout: 15000 });
  return { context, page, problems, offsite };
}

async function exported() {
  const r = await fetch(server.url + '/api/admin/export.json', { headers: { Authorization: `Bearer ${TOKEN}` } });
  assert.equal(r.status, 200, 'admin export answers');
  const body = await r.json();
  return Array.isArray(body) ? body : body.reactions;
}

test('drop a pin, rate, type, consent, send: the row is in the server with plan state and position',
  { timeout: 120000 }, async (t) => {
    const view = await openViewer();
    t.after(() => view.context.close());
    const { page } = view;
    const planState = () => page.evaluate(() => Module.UTF8ToString(Module._almere_plan_state()));

    // A plan switched on first, so the reaction has a plan state worth recording.
    await page.mouse.click(1054, 92); // the Almere Pampus switch (see viewer.test.mjs)
    await waitFrames(page, 2);
    assert.equal(await planState(), 'plans=pampus;phase=nu');

    await tap(page, 'feedback.give');
    await expectStep(page, 'subject');
    await tap(page, 'feedback.place');
    await expectStep(page, 'pin');
    // The camera flew to Pampus when it was switched on; the centre is still in view.
    const spot = await wijkScreenPosition(page, CENTRUM);
    assert.ok(spot, 'Almere Centrum is on screen');
    await page.mouse.click(spot.x, spot.y);
    await waitFrames(page, 2);
    await tap(page, 'feedback.forward');
    await expectStep(page, 'rating');

    await tap(page, 'rating:4');
    await tap(page, 'feedback.forward');
    await expectStep(page, 'comment');
    // In the browser the comment is a real text field over the comment box (the phone's own
    // keyboard, dictation); the drawn keyboard is the kiosk's.
    assert.equal(await targetPosition(page, 'key:M'), null, 'no drawn keyboard in the browser');
    await page.waitForFunction(() => document.activeElement.id === 'comment', null, { timeout: 5000 });
    await page.keyboard.type('Me\u00e9');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('\u00eb <b>bomen</b> \'; DROP TABLE reactions;--');
    // The field shows what the app accepted (app/viewer/main_web.cpp almere_comment_input).
    assert.equal(await page.inputValue('#comment'), 'Me\u00eb <b>bomen</b> \'; DROP TABLE reactions;--');
    fs.mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: path.join(outDir, 'feedback-comment.png') });
    await tap(page, 'feedback.forward');
    await expectStep(page, 'background');
    await tap(page, 'feedback.age.35_54');
    await tap(page, 'feedback.home.stad');
    await tap(page, 'feedback.forward');
    await expectStep(page, 'consent');
    await tap(page, 'feedback.forward'); // no consent yet: nothing happens
    await expectStep(page, 'consent');
    await tap(page, 'feedback.consent');
    await tap(page, 'feedback.forward');
    await expectStep(page, 'thanks');

    // The page's outbox posts it and empties.
    await page.waitForFunction(() => window.almereFeedback.pending() === 0, null, { timeout: 15000, polling: 100 });
    const rows = await exported();
    const comment = 'Me\u00eb <b>bomen</b> \'; DROP TABLE reactions;--';
    const row = rows.find((r) => r.comment === comment);
    assert.ok(row, `the reaction is in the server's database: ${JSON.stringify(rows)}`);
    t.diagnostic(JSON.stringify(row));
    assert.equal(row.subject?.kind ?? row.subject_kind, 'place');
    assert.equal(row.subject?.id ?? row.subject_id, CENTRUM);
    assert.equal(row.rating, 4);
    assert.equal(row.plan_state, 'plans=pampus;phase=nu');
    assert.equal(row.age_band, '35_54');
    assert.equal(row.home_stadsdeel, 'stad');
    assert.equal(row.channel, 'web');
    const pin = row.pin ?? { lon: row.lon, lat: row.lat };
    // The tap was on the centre's label point: within a few hundred metres of the station.
    assert.ok(Math.abs(pin.lon - 5.2178) < 0.02 && Math.abs(pin.lat - 52.3747) < 0.01,
      `pin ${JSON.stringify(pin)} lies in Almere Centrum`);

    await tap(page, 'feedback.done');
    await expectStep(page, 'closed');
    assert.deepEqual(view.problems, []);
    assert.deepEqual(view.offsite, []);
  });

test('a failed post stays in the browser and is sent when the server can be reached again',
  { timeout: 120000 }, async (t) => {
    const view = await openViewer();
    t.after(() => view.context.close());
    const { page, context } = view;
    // The network to the API is down.
    let blocked = 0;
    await context.route('**/api/reactions', (route) => { ++blocked; return route.abort(); });

    await giveReaction(page, 'offline gegeven');
    await page.waitForFunction(() => true, null, { timeout: 1000 });
    assert.ok(blocked >= 1, 'the page tried to post');
    assert.equal(await page.evaluate(() => window.almereFeedback.pending()), 1, 'kept in the browser');
    assert.equal((await exported()).filter((r) => r.comment === 'offline gegeven').length, 0);

    // A reload (the resident comes back later) keeps it too.
    await page.reload();
    await waitReady(page);
    assert.equal(await page.evaluate(() => window.almereFeedback.pending()), 1, 'still kept after a reload');

    // The network is back: it arrives, once.
    await context.unroute('**/api/reactions');
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForFunction(() => window.almereFeedback.pending() === 0, null, { timeout: 15000, polling: 100 });
    const rows = (await exported()).filter((r) => r.comment === 'offline gegeven');
    assert.equal(rows.length, 1, 'delivered exactly once');
    assert.equal(rows[0].subject?.id ?? rows[0].subject_id, 'klimaat');
  });

test('a 403, 404, 502 or HTML 400 page from something in between keeps the reaction until the server has it',
  { timeout: 120000 }, async (t) => {
    const view = await openViewer();
    t.after(() => view.context.close());
    const { page, context } = view;
    // A proxy or captive portal in front of the server answers first; none of it carries the
    // API's X-Almere-Refused. Then the real server is reached.
    const html = (text) => `<!doctype html><html><body><h1>${text}</h1></body></html>`;
    const inBetween = [
      { status: 403, contentType: 'text/html', body: html('Forbidden by the proxy') },
      { status: 404, contentType: 'text/html', body: html('Not Found') },
      { status: 502, contentType: 'text/html', body: html('Bad Gateway') },
      { status: 400, contentType: 'text/html', body: html('400 Bad Request: log in to the Wi-Fi') },
    ];
    const installations = []; // X-Almere-Installation of every attempt
    const sentIds = [];
    await context.route('**/api/reactions', (route) => {
      installations.push(route.request().headers()['x-almere-installation']);
      sentIds.push(JSON.parse(route.request().postData()).id);
      const answer = inBetween[installations.length - 1];
      return answer ? route.fulfill(answer) : route.continue();
    });

    await giveReaction(page, 'door de proxy');
    await nudgeUntil(page, () => sentIds.length >= 1, 'the first attempt');
    const id = sentIds[0];
    // Each answer from in between is followed by another attempt, and the reaction stays kept;
    // the attempt after the last of them reaches the server.
    for (let attempt = 1; attempt < inBetween.length; ++attempt) {
      await nudgeUntil(page, () => installations.length > attempt, `attempt ${attempt + 1}`);
      assert.deepEqual(Object.keys(await stored(page, OUTBOX)), [id],
        `kept after HTTP ${inBetween[attempt - 1].status}`);
      assert.deepEqual(await stored(page, REFUSED), {}, 'nothing refused');
      if (attempt === 2) {
        // The resident closes the tab and comes back: the reaction is still there.
        await page.reload();
        await waitReady(page);
        assert.equal(await page.evaluate(() => window.almereFeedback.pending()), 1, 'kept after a reload');
      }
    }
    await nudgeUntil(page, async () => (await page.evaluate(() => window.almereFeedback.pending())) === 0,
      'delivery');
    assert.deepEqual(await stored(page, OUTBOX), {});
    assert.deepEqual(await stored(page, REFUSED), {}, 'nothing refused');
    assert.deepEqual(sentIds, Array(inBetween.length + 1).fill(id), 'sent until the server had it, then no more');
    const rows = (await exported()).filter((r) => r.comment === 'door de proxy');
    assert.equal(rows.length, 1, 'arrived exactly once');
    assert.equal(rows[0].id, id);

    // Every attempt, before and after the reload, named this browser's installation.
    const installation = await page.evaluate(() => localStorage.getItem('almere2050.installation'));
    assert.match(installation, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(installations, Array(installations.length).fill(installation));
  });

test('a reaction the server refuses is kept under its own key with the reason, and not sent again',
  { timeout: 120000 }, async (t) => {
    const view = await openViewer();
    t.after(() => view.context.close());
    const { page, context } = view;
    // The real server sees a broken rating and refuses it (400 with X-Almere-Refused).
    let posts = 0;
    await context.route('**/api/reactions', (route) => {
      ++posts;
      const reaction = JSON.parse(route.request().postData());
      reaction.rating = 9;
      return route.continue({ postData: JSON.stringify(reaction) });
    });

    await giveReaction(page, 'door de server geweigerd');
    await page.waitForFunction((key) => Object.keys(JSON.parse(localStorage.getItem(key) || '{}')).length === 1,
      REFUSED, { timeout: 15000, polling: 100 });
    const refused = await stored(page, REFUSED);
    const [[id, entry]] = Object.entries(refused);
    assert.match(entry.reason, /^HTTP 400: rating/, 'the server\'s reason is kept');
    assert.equal(JSON.parse(entry.body).id, id);
    assert.equal(JSON.parse(entry.body).comment, 'door de server geweigerd', 'the reaction is kept whole');
    assert.ok(entry.refused_at_ms > 0);
    assert.deepEqual(await stored(page, OUTBOX), {}, 'no longer waiting to be sent');
    assert.equal(await page.evaluate(() => window.almereFeedback.pending()), 0);

    // Not sent again: not on 'online', not after a reload; and still kept.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.reload();
    await waitReady(page);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // time enough to send, had it tried
    assert.equal(posts, 1, 'posted once');
    assert.deepEqual(await stored(page, REFUSED), refused, 'still kept after a reload');
    assert.equal((await exported()).filter((r) => r.comment === 'door de server geweigerd').length, 0);
  });
