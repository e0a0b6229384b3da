// The 3D page's language choice (issue 10): the languages offered come from the content (the
// interface languages in the web package: nl, en, pl; never Arabic, which the font cannot draw),
// ?lang=pl opens in Polish, ?lang=ar falls back to Dutch, and a reaction given after choosing
// Polish in the list arrives at the server with lang "pl".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { keepLocal, launchChromium, startServer, targetPosition, waitFrames } from './harness.mjs';

const TOKEN = 'test-admin-token-0123456789abcdef';

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


async function tap(page, name) {
  await waitFrames(page, 1).catch(() => {});
  const p = await targetPosition(page, name);
  assert.ok(p, `control "${name}" is on screen`);
  await page.mouse.click(p.x, p.y);
  await waitFrames(page, 2);
}

async function openViewer(query = '') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
  const offsite = [];
  await keepLocal(context, server.url, offsite);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(server.url + '/' + query);
  await page.waitForFunction(() => window.almereStatus !== 'loading', null, { timeout: 30000, polling: 50 });
  assert.equal(await page.evaluate(() => window.almereStatus), 'ready');
  await page.waitForFunction(() => Module._almere_frame_count() >= 2, null, { timeout: 15000 });
  return { context, page, problems };
}

// The language choice's entries on screen, by code.
async function offered(page) {
  const codes = [];
  for (const code of ['nl', 'en', 'pl', 'ar']) if (await targetPosition(page, `language.${code}`)) codes.push(code);
  return codes;
}

test('the language list offers the interface languages; Polish chosen there is the reaction\'s lang',
  { timeout: 120000 }, async (t) => {
    const { context, page, problems } = await openViewer();
    t.after(() => context.close());
    assert.equal(await targetPosition(page, 'language.nl'), null, 'the list starts closed');
    await tap(page, 'language_choice');
    assert.deepEqual(await offered(page), ['nl', 'en', 'pl']);
    await tap(page, 'language.pl');
    assert.deepEqual(await offered(page), [], 'choosing closes the list');

    // A short reaction about an ambition, now in Polish.
    await tap(page, 'feedback.give');
    await tap(page, 'feedback.ambition');
    await tap(page, 'ambition:klimaat');
    await tap(page, 'feedback.whole_city'); // heel Almere, and on
    await tap(page, 'rating:5');
    await tap(page, 'feedback.forward');
    await page.keyboard.type('po polsku');
    await tap(page, 'feedback.forward');
    await tap(page, 'feedback.forward');
    await tap(page, 'feedback.consent');
    await tap(page, 'feedback.forward');
    await page.waitForFunction(() => window.almereFeedback.pending() === 0, null, { timeout: 15000, polling: 100 });
    const r = await fetch(server.url + '/api/admin/export.json', { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(r.status, 200);
    const body = await r.json();
    const rows = Array.isArray(body) ? body : body.reactions;
    const row = rows.find((x) => x.comment === 'po polsku');
    assert.ok(row, `the reaction is in the server's database: ${JSON.stringify(rows)}`);
    assert.equal(row.lang, 'pl');
    assert.deepEqual(problems, []);
  });

test('?lang=pl opens in Polish; ?lang=ar (text route only) and nonsense open in Dutch', { timeout: 60000 }, async (t) => {
  // The title panel's buttons are as wide as their words, so where "Geef je mening" /
  // "Wyraź swoje zdanie" sits tells the languages apart without reading pixels.
  const at = {};
  for (const query of ['?lang=nl', '?lang=pl', '?lang=ar', '?lang=../x']) {
    const { context, page, problems } = await openViewer(query);
    t.after(() => context.close());
    at[query] = (await targetPosition(page, 'feedback.give'))?.x;
    assert.deepEqual(problems, []);
  }
  t.diagnostic(JSON.stringify(at));
  assert.ok(at['?lang=nl'] > 0);
  assert.notEqual(at['?lang=pl'], at['?lang=nl'], 'Polish words, not Dutch');
  assert.equal(at['?lang=ar'], at['?lang=nl']);
  assert.equal(at['?lang=../x'], at['?lang=nl']);
});
