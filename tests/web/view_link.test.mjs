// Links that open a view (issue 10): the page's address carries the view in its fragment
// (#v=..., core/view_link), kept current with history.replaceState; the same address in a new
// page opens exactly that view. "Deel deze weergave" copies it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { keepLocal, launchChromium, selectedCode, startServer, targetPosition, waitFrames, wijkScreenPosition } from './harness.mjs';

// Pampus: in view (left of the plans panel) once the Pampus plan has brought its area there.
const PAMPUS = 'WK003496';
const VIEWPORT = { width: 1280, height: 720 };
// The plans panel at 1280x720 (as in viewer.test.mjs): the "2050" step and the Pampus switch.
const PHASE_2050 = { x: 1203, y: 420 };
const PLAN_SWITCH_PAMPUS = { x: 1054, y: 92 };

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function openViewer(url, contextOptions = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, ...contextOptions });
  const offsite = [];
  await keepLocal(context, server.url, offsite);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(() => window.almereStatus !== 'loading', null, { timeout: 30000, polling: 50 });
  assert.equal(await page.evaluate(() => window.almereStatus), 'ready');
  await page.waitForFunction(() => Module._almere_frame_count() >= 2, null, { timeout: 15000 });
  return { context, page, problems, offsite };
}

const planState = (page) => page.evaluate(() => Module.UTF8ToString(Module._almere_plan_state()));
const viewLink = (page) => page.evaluate(() => Module.UTF8ToString(Module._almere_view_link()));

// "camera=E,N,D,YAW,PITCH" of a view link, as numbers.
function cameraOf(text) {
  const m = /(?:^|;)camera=([^;]+)/.exec(text);
  assert.ok(m, `a camera in "${text}"`);
  return m[1].split(',').map(Number);
}
const part = (text, key) => (new RegExp(`(?:^|;)${key}=([^;]*)`).exec(text) || [])[1];

// Waits until the address shows the app's view (it follows within about half a second once the
// camera has settled).
async function addressSettled(page) {
  await page.waitForFunction(() => {
    const want = '#v=' + Module.UTF8ToString(Module._almere_view_link());
    return decodeURIComponent(location.hash) === want;
  }, null, { timeout: 15000, polling: 100 });
  return page.evaluate(() => location.href);
}

test('view link: plans, phase, camera, wijk and language survive a round trip through the address', { timeout: 120000 }, async (t) => {
  const first = await openViewer(server.url + '/');
  t.after(() => first.context.close());
  const { page } = first;
  const historyBefore = await page.evaluate(() => history.length);

  // Plan and time, as a resident sets them.
  await page.mouse.click(PHASE_2050.x, PHASE_2050.y);
  await waitFrames(page, 2);
  await page.mouse.click(PLAN_SWITCH_PAMPUS.x, PLAN_SWITCH_PAMPUS.y);
  await waitFrames(page, 2);
  assert.equal(await planState(page), 'plans=pampus;phase=2050');
  // Turn the map a little: a drag over an open part of the map (bottom middle).
  await page.mouse.move(620, 640);
  await page.mouse.down();
  await page.mouse.move(700, 610, { steps: 8 });
  await page.mouse.up();
  await waitFrames(page, 3);
  // Select a wijk with a tap on its label point.
  await addressSettled(page);
  const pampus = await wijkScreenPosition(page, PAMPUS);
  assert.ok(pampus, 'Pampus is on screen');
  await page.mouse.click(pampus.x, pampus.y);
  await waitFrames(page, 2);
  assert.equal(await selectedCode(page), PAMPUS);
  // And English.
  const choice = await targetPosition(page, 'language_choice');
  assert.ok(choice, 'the language button is on screen');
  await page.mouse.click(choice.x, choice.y);
  await waitFrames(page, 2);
  // The list is centred once Dear ImGui knows its size (a frame or two after it opens): wait
  // until it holds still before tapping.
  let english = null;
  for (let tries = 0; tries < 20; tries++) {
    const seen = await targetPosition(page, 'language.en');
    if (seen && english && seen.x === english.x && seen.y === english.y) break;
    english = seen;
    await page.waitForTimeout(60); // the app draws only while something changes: no frame wait
  }
  assert.ok(english, 'English is in the language list');
  await page.mouse.click(english.x, english.y);
  // English is fetched when chosen (the first download carries Dutch only).
  await page.waitForFunction(() => decodeURIComponent(location.hash).includes('lang=en'), null,
    { timeout: 10000, polling: 100 });

  const href = await addressSettled(page);
  const text = decodeURIComponent(new URL(href).hash.slice(3));
  assert.equal(part(text, 'plans'), 'pampus');
  assert.equal(part(text, 'phase'), '2050');
  assert.equal(part(text, 'wijk'), PAMPUS);
  assert.equal(part(text, 'lang'), 'en');
  const camera = cameraOf(text);
  // The drag turned the view away from the start's heading (0 degrees).
  assert.ok(Math.abs(camera[3]) > 1, `the heading changed (${camera})`);
  // Every change replaced the address; none added a history entry.
  assert.equal(await page.evaluate(() => history.length), historyBefore, 'no history entry per change');

  // The link in a fresh page (another context: nothing shared but the address).
  const second = await openViewer(href);
  t.after(() => second.context.close());
  assert.equal(await planState(second.page), 'plans=pampus;phase=2050');
  assert.equal(await selectedCode(second.page), PAMPUS);
  const opened = await viewLink(second.page);
  assert.equal(part(opened, 'lang'), 'en');
  const camera2 = cameraOf(opened);
  for (let i = 0; i < 5; ++i)
    assert.ok(Math.abs(camera2[i] - camera[i]) <= 0.2, `camera ${i}: ${camera2} vs ${camera}`);
  // Opened at once, without the start's move: its address is the link's view.
  assert.equal(decodeURIComponent(new URL(await addressSettled(second.page)).hash.slice(3)), text);
  assert.deepEqual([...first.problems, ...second.problems], []);
  assert.deepEqual([...first.offsite, ...second.offsite], []);
});

test('view link: a hostile or broken fragment is ignored, the viewer starts as usual', { timeout: 60000 }, async (t) => {
  const view = await openViewer(server.url + '/#v=plans=nonsense;camera=1e9,0,0,0,0;lang=<script>');
  t.after(() => view.context.close());
  assert.equal(await planState(view.page), 'plans=;phase=nu');
  assert.equal(await view.page.evaluate(() => Module.UTF8ToString(Module.ccall('almere_error', 'number', [], []))), '');
  assert.deepEqual(view.problems, []);
});

test('view link: "Deel deze weergave" copies the link and says so politely', { timeout: 60000 }, async (t) => {
  const view = await openViewer(server.url + '/#v=plans=hart;phase=2050;read=large', {
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  t.after(() => view.context.close());
  const { page } = view;
  assert.equal(await planState(page), 'plans=hart;phase=2050');
  const share = await targetPosition(page, 'share.button');
  assert.ok(share, 'the share button is on screen');
  await page.mouse.click(share.x, share.y);
  await page.waitForFunction(() => !document.getElementById('share').hidden, null, { timeout: 5000 });
  assert.equal(await page.evaluate(() => document.getElementById('share').getAttribute('aria-live')), 'polite');
  assert.equal(await page.textContent('#share-note'), 'Link gekopieerd');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const url = new URL(copied);
  assert.equal(url.origin + url.pathname, server.url + '/');
  const text = decodeURIComponent(url.hash.slice(3));
  assert.equal(part(text, 'plans'), 'hart');
  assert.equal(part(text, 'read'), 'large', 'the reading help travels with the link');
});
