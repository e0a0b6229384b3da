// Burgerberaad participant pages (issue 9) across a server crash, in headless Chromium: two
// participants (a 360x640 touch phone, a desktop page, and a page without EventSource) follow a session with a round open;
// the server is killed (SIGKILL) and, a moment later, restarted on the same port and data
// folder. Without any reload the pages' script (web/session.js) finds the server again by
// itself: both show the next round the facilitator opens within 3 s of the restart, and an
// answer given on the phone after the restart is stored.
//
// The page's 3D viewer is a small stand-in (as in session.test.mjs without a web build): what
// is tested here is the page's bridge, and the real viewer would only slow the test down.
// DOWN_MS: how long the server stays down (default 8000).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../server/harness.mjs';
import { keepLocal, launchChromium, repoRoot } from './harness.mjs';
import { sessionApi } from './session_api.mjs';

const FAKE_VIEWER = `(function () {
  var M = window.Module;
  M.fake = { states: [] };
  M._almere_session_state = function () {};
  M.ccall = function (name, ret, types, args) {
    if (name === 'almere_session_state') M.fake.states.push(JSON.parse(args[0]));
  };
  setTimeout(function () { M.onRuntimeInitialized(); M.onFirstFrame(); }, 20);
})();`;

function makeSite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'almere-session-crash-site-'));
  fs.copyFileSync(path.join(repoRoot, 'web', 'index.html'), path.join(dir, 'index.html'));
  fs.copyFileSync(path.join(repoRoot, 'web', 'session.js'), path.join(dir, 'session.js'));
  fs.writeFileSync(path.join(dir, 'almere2050.js'), FAKE_VIEWER);
  return dir;
}

let server;
let browser;
let site;
let key;
let code;
const pages = {};

const { api, control, exported } = sessionApi(() => ({ server, key, code }));

const sheetState = (page) =>
  page.evaluate(() => {
    const s = document.getElementById('sheet');
    return { state: s.dataset.state, round: s.dataset.round, title: document.getElementById('sheet-title')?.textContent };
  });

before(async () => {
  site = makeSite();
  server = await startServer({ args: ['--web', site] });
  key = fs.readFileSync(path.join(server.dataDir, 'facilitator-key'), 'utf8').trim();
  browser = await launchChromium();
  code = (await api('POST', '/api/sessions', { agenda: 'omgevingsvisie' }, { 'X-Almere-Facilitator-Key': key })).code;
  for (const [name, options] of [
    ['phone', { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true }],
    ['desktop', { viewport: { width: 1024, height: 768 } }],
    ['poll', { viewport: { width: 1024, height: 768 } }],
  ]) {
    const context = await browser.newContext({ deviceScaleFactor: 1, ...options });
    const offsite = [];
    await keepLocal(context, server.url, offsite);
    const page = await context.newPage();
    page.errors = [];
    page.offsite = offsite;
    page.on('pageerror', (e) => page.errors.push(String(e)));
    // A browser (or a proxy) without server-sent events: the page keeps up by the long poll.
    if (name === 'poll') await page.addInitScript(() => { delete window.EventSource; });
    await page.goto(`${server.url}/s/${code}`);
    pages[name] = page;
  }
});

after(async () => {
  await browser?.close();
  await server?.stop('SIGKILL');
});

test('kill -9 with a round open: the pages reconnect by themselves, show the next round within 3 s of the restart, and take answers', async (t) => {
  await control({ action: 'open', round: 0 });
  for (const [name, page] of Object.entries(pages)) {
    await page.waitForFunction((name) => document.getElementById('sheet').dataset.state === 'open'
      && window.almereSession.transport === (name === 'poll' ? 'poll' : 'events'), name,
    { timeout: 3000, polling: 20 });
    assert.deepEqual(await sheetState(page), { state: 'open', round: '0', title: 'De visie als geheel' }, name);
    // A mark that a reload would wipe.
    await page.evaluate(() => { window.notReloaded = true; });
  }

  const port = new URL(server.url).port;
  const dataDir = server.dataDir;
  assert.equal(await server.stop('SIGKILL'), 'SIGKILL');
  // Down long enough for several of the pages' tries to be refused (a backoff that grows
  // without a low cap, or a client that gives up, shows here).
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.DOWN_MS || 8000)));
  server = await startServer({ dataDir, args: ['--web', site, '--port', port] });
  const restarted = Date.now();
  assert.equal(new URL(server.url).port, port);

  await control({ action: 'open', round: 1 }); // Pampus: a rating
  await Promise.all(Object.entries(pages).map(async ([name, page]) => {
    await page.waitForFunction(() => document.getElementById('sheet').dataset.round === '1'
      && document.getElementById('sheet').dataset.state === 'open', null, { timeout: 3000, polling: 20 })
      .catch(async () => {
        const status = await page.evaluate(() => JSON.stringify(window.almereSession));
        throw new Error(`${name}: round 1 not shown within 3 s of the restart (${status})`);
      });
    const ms = Date.now() - restarted;
    const transport = await page.evaluate(() => window.almereSession.transport);
    t.diagnostic(`${name}: the next round shown ${ms} ms after the restart (${transport})`);
    assert.ok(ms <= 3000, `${name}: ${ms} ms`);
    assert.deepEqual(await sheetState(page), { state: 'open', round: '1', title: 'Almere Pampus' }, name);
    assert.equal(await page.evaluate(() => window.notReloaded), true, `${name} was not reloaded`);
    assert.equal(transport, name === 'poll' ? 'poll' : 'events', `${name} follows as before`);
  }));
  await pages.phone.waitForFunction(() => Module.fake.states.at(-1).round === 1, null, { timeout: 1000 });

  // An answer on the phone after the restart is stored.
  const phone = pages.phone;
  await phone.tap('label.option:has(input[value="4"])');
  await phone.tap('button.send');
  await phone.waitForSelector('#antwoord', { timeout: 3000 });
  assert.equal(await phone.evaluate(() => document.getElementById('sheet').dataset.round), '1');
  const answers = (await exported()).filter((a) => a.round === 1);
  assert.equal(answers.length, 1);
  assert.deepEqual(answers[0].answer, { rating: 4 });
  assert.equal(await phone.evaluate(() => window.notReloaded), true, 'the answer did not reload the page');
  for (const [name, page] of Object.entries(pages)) {
    assert.deepEqual(page.errors, [], name);
    assert.deepEqual(page.offsite, [], name);
  }
});
