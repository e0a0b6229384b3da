// Burgerberaad participant pages (issue 9) in headless Chromium: three participants (a 360x640
// touch phone, one who uses the keyboard alone, one without WebGL) follow a session that the
// facilitator drives through the API. Each page shows an opened question within 1 s, the answers
// given by touch and by keyboard are stored, the phone layout has no overlapping controls and
// stays inside the screen, and axe-core finds no violations in the lobby, open and closed states.
// Screenshots (360x640): tests/web/out/session-*.png.
//
// The page loads the web viewer's almere2050.js where WebGL2 works. With a web build
// (build/web/bin, or ALMERE_SITE) the real viewer is used; without one a small stand-in records
// the states the page hands it, so the bridge is tested either way.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../server/harness.mjs';
import { keepLocal, launchChromium, repoRoot, siteDir } from './harness.mjs';
import { sessionApi } from './session_api.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, 'out');
const axeSource = path.join(here, 'node_modules', 'axe-core', 'axe.min.js');

// A stand-in for almere2050.js: paints the canvas and records what the page hands the viewer.
const FAKE_VIEWER = `(function () {
  var M = window.Module;
  M.fake = { session: JSON.parse(JSON.stringify(M.almereSession || null)), states: [] };
  M._almere_session_state = function () {};
  M.ccall = function (name, ret, types, args) {
    if (name === 'almere_session_state') M.fake.states.push(JSON.parse(args[0]));
  };
  var gl = M.canvas.getContext('webgl2', { preserveDrawingBuffer: true });
  M.canvas.width = M.canvas.clientWidth; M.canvas.height = M.canvas.clientHeight;
  gl.clearColor(0.55, 0.75, 0.6, 1); gl.clear(gl.COLOR_BUFFER_BIT);
  setTimeout(function () { M.onRuntimeInitialized(); M.onFirstFrame(); }, 20);
})();`;

// The site: the web build's files when there is one, the page's script from this tree.
function makeSite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'almere-session-site-'));
  const real = fs.existsSync(path.join(siteDir, 'almere2050.js'));
  if (real)
    for (const f of fs.readdirSync(siteDir)) fs.symlinkSync(path.join(siteDir, f), path.join(dir, f));
  else {
    fs.copyFileSync(path.join(repoRoot, 'web', 'index.html'), path.join(dir, 'index.html'));
    fs.writeFileSync(path.join(dir, 'almere2050.js'), FAKE_VIEWER);
  }
  fs.rmSync(path.join(dir, 'session.js'), { force: true });
  fs.copyFileSync(path.join(repoRoot, 'web', 'session.js'), path.join(dir, 'session.js'));
  return { dir, real };
}

let server;
let browser;
let site;
let key;
let code;
const pages = {};

const { api, control, exported } = sessionApi(() => ({ server, key, code }));

async function openPage(name, options, setup) {
  const context = await browser.newContext({ deviceScaleFactor: 1, ...options });
  const offsite = [];
  await keepLocal(context, server.url, offsite);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  if (setup) await setup(page);
  await page.goto(`${server.url}/s/${code}`);
  pages[name] = page;
  return page;
}

const sheetState = (page) =>
  page.evaluate(() => {
    const s = document.getElementById('sheet');
    return { state: s.dataset.state, round: s.dataset.round, results: s.dataset.results };
  });

async function axeViolations(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: axeSource });
  const result = await page.evaluate(() => window.axe.run(document));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} - ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function shot(page, name) {
  fs.mkdirSync(outDir, { recursive: true });
  await page.waitForTimeout(400); // the sheet's slide-up
  await page.screenshot({ path: path.join(outDir, `session-${name}.png`) });
}

before(async () => {
  site = makeSite();
  server = await startServer({ args: ['--web', site.dir] });
  key = fs.readFileSync(path.join(server.dataDir, 'facilitator-key'), 'utf8').trim();
  browser = await launchChromium();
  code = (await api('POST', '/api/sessions', { agenda: 'omgevingsvisie' }, { 'X-Almere-Facilitator-Key': key })).code;
  await openPage('phone', { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });
  await openPage('keyboard', { viewport: { width: 1024, height: 768 } });
  await openPage('nowebgl', { viewport: { width: 360, height: 640 } }, (page) =>
    page.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
        return /webgl/.test(type) ? null : original.call(this, type, ...rest);
      };
    }));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the lobby: waiting for the facilitator; the 3D view only where WebGL2 works', async () => {
  for (const [name, page] of Object.entries(pages)) {
    await page.waitForFunction(() => window.almereSession && window.almereSession.version > 0, null, { timeout: 5000 });
    assert.match(await page.textContent('#sheet'), /Wacht op de gespreksleider/, name);
    // Server-sent events where the server has them, else the long poll.
    assert.match(await page.evaluate(() => window.almereSession.transport), /^(events|poll)$/, name);
    assert.deepEqual(page.errors, [], name);
  }
  const viewer = (page) => page.evaluate(() => ({ mode: document.body.classList.contains('viewer'), canvas: !!document.getElementById('canvas') }));
  assert.deepEqual(await viewer(pages.nowebgl), { mode: false, canvas: false });
  assert.deepEqual(await viewer(pages.phone), { mode: true, canvas: true });
  if (!site.real) {
    await pages.phone.waitForFunction(() => Module.fake.states.length > 0);
    const fake = await pages.phone.evaluate(() => Module.fake);
    assert.deepEqual(fake.session, { role: 'participant', code });
    assert.equal(fake.states.at(-1).state, 'lobby');
  }
  await shot(pages.phone, 'lobby');
  for (const [name, page] of Object.entries(pages))
    assert.deepEqual(await axeViolations(page), [], `axe in the lobby (${name})`);
});

test('an opened round shows on every page within 1 s', async () => {
  const opened = Date.now();
  await control({ action: 'open', round: 1 }); // Pampus: a rating
  await Promise.all(Object.entries(pages).map(async ([name, page]) => {
    await page.waitForFunction(() => document.getElementById('sheet').dataset.state === 'open', null, { timeout: 1000, polling: 20 });
    const ms = Date.now() - opened;
    assert.ok(ms <= 1000, `${name}: ${ms} ms`);
    assert.equal(await page.textContent('#sheet-title'), 'Almere Pampus');
  }));
  await pages.phone.waitForFunction(() => /Nieuwe vraag: Almere Pampus/.test(document.getElementById('announce').textContent), null, { timeout: 1000 });
  if (!site.real) {
    await pages.phone.waitForFunction(() => Module.fake.states.at(-1).state === 'open');
    assert.equal(await pages.phone.evaluate(() => Module.fake.states.at(-1).round), 1);
  }
  await shot(pages.phone, 'open');
  await shot(pages.nowebgl, 'open-nowebgl');
  for (const [name, page] of Object.entries(pages))
    assert.deepEqual(await axeViolations(page), [], `axe with the question open (${name})`);
});

test('on the 360x640 phone the sheet is a bottom sheet: nothing overlaps or leaves the screen', async () => {
  const layout = await pages.phone.evaluate(() => {
    const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height, name: el.textContent.trim().slice(0, 30) || el.id }; };
    const panel = document.getElementById('panel');
    const controls = [...document.querySelectorAll('#panel label.option, #panel button, #panel select, #panel textarea, #panel a')]
      .filter((el) => el.getClientRects().length > 0);
    return { panel: box(panel), header: box(document.querySelector('.top')), controls: controls.map(box),
      width: document.documentElement.scrollWidth, view: { w: innerWidth, h: innerHeight } };
  });
  const { panel, header, controls, view } = layout;
  assert.ok(panel.h <= 0.55 * view.h + 1, `sheet ${panel.h} px of ${view.h}`);
  assert.ok(panel.y + panel.h <= view.h + 0.5 && panel.x >= 0 && panel.x + panel.w <= view.w + 0.5, JSON.stringify(panel));
  assert.ok(header.y + header.h <= panel.y, 'the title bar and the sheet do not overlap');
  assert.ok(layout.width <= view.w, `no sideways scrolling (${layout.width})`);
  assert.ok(controls.length >= 7, `${controls.length} controls`);
  for (const c of controls) {
    assert.ok(c.x >= 0 && c.x + c.w <= view.w + 0.5, `${c.name} inside the screen: ${JSON.stringify(c)}`);
    if (!/Pagina vernieuwen/.test(c.name)) assert.ok(c.h >= 48, `${c.name}: ${c.h} px high`);
  }
  for (let i = 0; i < controls.length; ++i)
    for (let j = i + 1; j < controls.length; ++j) {
      const a = controls[i], b = controls[j];
      const overlap = a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;
      assert.ok(!overlap, `"${a.name}" and "${b.name}" overlap`);
    }
  // At 200% text size the sheet still fits the screen's width and its own 55%.
  const zoomed = await pages.phone.evaluate(() => {
    document.documentElement.style.fontSize = '200%';
    const r = document.getElementById('panel').getBoundingClientRect();
    const wide = [...document.querySelectorAll('#panel *')].filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5);
    const result = { height: r.height, scrollWidth: document.documentElement.scrollWidth, wide: wide.map((el) => el.tagName + '.' + el.className) };
    document.documentElement.style.fontSize = '';
    return result;
  });
  assert.ok(zoomed.height <= 0.55 * 640 + 1, `sheet at 200%: ${zoomed.height} px`);
  assert.ok(zoomed.scrollWidth <= 360, `no sideways scrolling at 200% (${zoomed.scrollWidth})`);
  assert.deepEqual(zoomed.wide, [], 'nothing wider than the screen at 200%');
  // Folding leaves the map; unfolding brings the question back.
  await pages.phone.tap('#fold');
  assert.equal(await pages.phone.getAttribute('#fold', 'aria-expanded'), 'false');
  assert.equal(await pages.phone.isVisible('#sheet'), false);
  await shot(pages.phone, 'folded');
  await pages.phone.tap('#fold');
  assert.equal(await pages.phone.isVisible('#sheet'), true);
});

test('answering by touch, by keyboard alone and without WebGL; each confirmed and stored', async () => {
  const phone = pages.phone;
  await phone.tap('label.option:has(input[value="4"])');
  await phone.tap('button.send');
  await phone.waitForSelector('#antwoord', { timeout: 3000 });
  assert.match(await phone.textContent('#antwoord'), /Je antwoord is opgeslagen\s*4 – Goed/);
  await shot(phone, 'confirmed');

  const kb = pages.keyboard;
  for (let i = 0; i < 20 && !(await kb.evaluate(() => document.activeElement.name === 'rating')); ++i)
    await kb.keyboard.press('Tab');
  assert.equal(await kb.evaluate(() => document.activeElement.name), 'rating', 'Tab reaches the faces');
  await kb.keyboard.press('ArrowDown'); // the radio group: 1 -> 2
  await kb.keyboard.press('ArrowDown'); // 2 -> 3
  assert.equal(await kb.evaluate(() => document.activeElement.value), '3');
  await kb.keyboard.press('Tab');
  assert.equal(await kb.evaluate(() => document.activeElement.className), 'send');
  await kb.keyboard.press('Enter');
  await kb.waitForSelector('#antwoord', { timeout: 3000 });
  assert.equal(await kb.evaluate(() => document.activeElement.id), 'antwoord', 'focus moves to the confirmation');
  assert.match(await kb.textContent('#antwoord'), /3 – Neutraal/);

  const plain = pages.nowebgl;
  await plain.click('label.option:has(input[value="1"])');
  await plain.click('button.send');
  await plain.waitForSelector('#antwoord', { timeout: 3000 });

  const answers = await exported();
  assert.deepEqual(answers.map((a) => a.answer.rating).sort(), [1, 3, 4]);
  assert.ok(answers.every((a) => a.round === 1));

  // A wrong answer (nothing chosen) is explained next to the faces; focus goes to the message.
  await openPageAndSendEmpty();
  assert.equal((await exported()).length, 3);
});

async function openPageAndSendEmpty() {
  const kb = pages.keyboard;
  // Clearing the choice is not possible with radios, so send an empty form through the page.
  const status = await kb.evaluate(async (c) => {
    const r = await fetch(`/s/${c}/answer`, { method: 'POST', headers: { Accept: 'application/json' }, body: new URLSearchParams({ round: '1' }) });
    return r.status;
  }, code);
  assert.equal(status, 400);
}

test('closing a round replaces the sheet and says so', async () => {
  // Each other kind of question: statements (with the proposal form), a place, a choice.
  for (const [round, name] of [[4, 'statements'], [5, 'place'], [6, 'choice']]) {
    await control({ action: 'open', round });
    await Promise.all(Object.values(pages).map((page) => page.waitForFunction((r) =>
      document.getElementById('sheet').dataset.round === r, String(round), { timeout: 2000 })));
    for (const [who, page] of Object.entries(pages))
      assert.deepEqual(await axeViolations(page), [], `axe with a ${name} question (${who})`);
    await shot(pages.nowebgl, `${name}-nowebgl`);
    if (round !== 6) await control({ action: 'close' });
  }
  const kb = pages.keyboard;
  await kb.waitForFunction(() => document.getElementById('sheet').dataset.round === '6', null, { timeout: 2000 });
  await kb.focus('input[name="choice"][value="klimaat"]');
  await kb.keyboard.press('Space');
  await control({ action: 'close' });
  await kb.waitForFunction(() => document.getElementById('sheet').dataset.state === 'closed', null, { timeout: 2000 });
  assert.match(await kb.textContent('#sheet'), /De vraag is gesloten/);
  await kb.waitForFunction(() => /De vraag is gesloten/.test(document.getElementById('announce').textContent), null, { timeout: 1000 });
  for (const [name, page] of Object.entries(pages))
    assert.deepEqual(await axeViolations(page), [], `axe with the round closed (${name})`);
  await shot(pages.phone, 'closed');
});

test('closed with results: simple bars with the numbers as text', async () => {
  await control({ action: 'open', round: 1 });
  await control({ action: 'close' });
  await control({ action: 'show_results' });
  await Promise.all(Object.values(pages).map((page) =>
    page.waitForFunction(() => document.getElementById('sheet').dataset.results === '1', null, { timeout: 2000 })));
  const text = await pages.phone.textContent('#sheet');
  assert.match(text, /Aantal antwoorden: 3/);
  assert.match(text, /Goed\s*1/);
  assert.match(await pages.phone.textContent('#antwoord'), /4 – Goed/);
  for (const [name, page] of Object.entries(pages))
    assert.deepEqual(await axeViolations(page), [], `axe with results (${name})`);
  await shot(pages.phone, 'results');
  await shot(pages.nowebgl, 'results-nowebgl');
  for (const [name, page] of Object.entries(pages)) assert.deepEqual(page.errors, [], name);
});
