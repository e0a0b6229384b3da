// The 3D page for keyboard and screen-reader users (issue 10), in headless Chromium: axe finds
// no WCAG 2.x A/AA violation; the skip link to the text version is the first Tab stop; without
// WebGL2 the page goes to the text version; the camera turns by keyboard and Home brings it back;
// a plan switched by keyboard is said in the live region; reduced motion jumps to the end; and a
// whole reaction is given with Tab, Shift+Tab, Enter, Space, Esc and typing alone, arriving in
// the server's database once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  axeViolations, keepLocal, launchChromium, selectedCode, startServer, waitFrames,
} from './harness.mjs';

const TOKEN = 'test-admin-token-a11y-0123456789ab';
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

async function openViewer({ viewport = { width: 1280, height: 720 }, reducedMotion } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, reducedMotion });
  const offsite = [];
  await keepLocal(context, server.url, offsite);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(server.url + '/');
  await page.waitForFunction(() => window.almereStatus !== 'loading', null, { timeout: 30000, polling: 50 });
  assert.equal(await page.evaluate(() => window.almereStatus), 'ready');
  await page.waitForFunction(() => Module._almere_frame_count() >= 3, null, { timeout: 15000 });
  return { context, page, problems, offsite };
}

const focusedTarget = (page) =>
  page.evaluate(() => Module.UTF8ToString(Module.ccall('almere_focused_target', 'number', [], [])));
const planState = (page) => page.evaluate(() => Module.UTF8ToString(Module._almere_plan_state()));
const feedbackStep = (page) => page.evaluate(() => Module._almere_feedback_step());
const STEPS = ['closed', 'subject', 'pin', 'where', 'rating', 'comment', 'background', 'consent', 'thanks'];
// The camera as the session view text gives it: [east, north, distance, yaw, pitch].
const camera = (page) =>
  page.evaluate(() => {
    const view = Module.UTF8ToString(Module.ccall('almere_session_view', 'number', [], []));
    const m = /camera=([^;]+)/.exec(view);
    return m ? m[1].split(',').map(Number) : null;
  });

// One key, as a person presses it, then a few frames for the app to act on it.
async function press(page, key) {
  await page.keyboard.press(key);
  // Pacing only: the app draws a few frames after each key (what it did is asserted after).
  await waitFrames(page, 3, 3000).catch(() => {});
}

// From the page's first Tab stop to the map (the canvas).
async function tabToCanvas(page) {
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'canvas');
}

// Tab (or Shift+Tab) until the focus ring is on the named control.
async function tabTo(page, name, { key = 'Tab', most = 60 } = {}) {
  const seen = [];
  for (let i = 0; i < most; ++i) {
    await press(page, key);
    const at = await focusedTarget(page);
    seen.push(at);
    if (at === name) return;
  }
  assert.fail(`Tab never reached "${name}" (step ${STEPS[await feedbackStep(page)]}); went ${seen.join(' > ')}`);
}

async function announced(page, pattern) {
  await page.waitForFunction((p) => new RegExp(p).test(document.getElementById('announce').textContent),
    pattern.source, { timeout: 10000, polling: 50 });
  return page.evaluate(() => document.getElementById('announce').textContent);
}

test('axe finds no WCAG A/AA violation on the 3D page, loaded and with a panel open',
  { timeout: 120000 }, async (t) => {
    const view = await openViewer();
    t.after(() => view.context.close());
    const { page } = view;
    assert.deepEqual(await axeViolations(page), []);
    // "Geef je mening" by keyboard, up to the comment step with the page's own text field.
    await tabToCanvas(page);
    await tabTo(page, 'feedback.give');
    await press(page, 'Space');
    assert.equal(STEPS[await feedbackStep(page)], 'subject');
    assert.deepEqual(await axeViolations(page), []);
    await tabTo(page, 'plan:oosterwold');
    await press(page, 'Enter');
    assert.equal(STEPS[await feedbackStep(page)], 'where');
    assert.deepEqual(await axeViolations(page), []);
    await tabTo(page, 'feedback.whole_city');
    await press(page, 'Enter');
    await tabTo(page, 'rating:5');
    await press(page, 'Space');
    await tabTo(page, 'feedback.forward');
    await press(page, 'Space');
    assert.equal(STEPS[await feedbackStep(page)], 'comment');
    await page.waitForFunction(() => document.activeElement.id === 'comment', null, { timeout: 5000 });
    assert.deepEqual(await axeViolations(page), []);
    // The app keeps the limit: the field shows what it accepted (500 code points).
    await page.fill('#comment', 'a'.repeat(520));
    assert.equal((await page.inputValue('#comment')).length, 500);
    assert.deepEqual(view.problems, []);
    assert.deepEqual(view.offsite, []);
  });

test('the skip link to the text version is the first Tab stop, then the labelled map',
  { timeout: 60000 }, async (t) => {
    const view = await openViewer();
    t.after(() => view.context.close());
    const { page } = view;
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const a = document.activeElement;
      const r = a.getBoundingClientRect();
      return { tag: a.tagName, href: a.getAttribute('href'), text: a.textContent, top: r.top, height: r.height };
    });
    assert.equal(first.tag, 'A');
    assert.equal(first.href, 'tekst/');
    assert.match(first.text, /tekstversie/);
    assert.ok(first.top >= 0 && first.height > 20, `visible when focused: ${JSON.stringify(first)}`);
    await page.keyboard.press('Tab');
    const canvas = await page.evaluate(() => {
      const c = document.activeElement;
      return { id: c.id, label: c.getAttribute('aria-label'), tabindex: c.tabIndex };
    });
    assert.deepEqual(canvas, { id: 'canvas', label: '3D-kaart van Almere', tabindex: 0 });
    // Esc on the map gives the keyboard back to the page: no keyboard trap.
    await page.keyboard.press('Escape');
    await waitFrames(page, 3);
    assert.notEqual(await page.evaluate(() => document.activeElement.id), 'canvas');
  });

test('without WebGL2 the page goes to the text version', { timeout: 60000 }, async (t) => {
  const context = await browser.newContext();
  t.after(() => context.close());
  await context.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
      return /webgl/.test(type) ? null : original.call(this, type, ...rest);
    };
  });
  const page = await context.newPage();
  await page.goto(server.url + '/?lang=en');
  // The text route's own script takes ?lang= to that language's page.
  await page.waitForURL((u) => u.pathname === '/tekst/en/', { timeout: 10000 });
});

test('arrows turn the camera, Shift+arrows move it, + zooms, Home brings back the start view',
  { timeout: 60000 }, async (t) => {
    const view = await openViewer();
    t.after(() => view.context.close());
    const { page } = view;
    await tabToCanvas(page);
    const start = await camera(page);
    assert.ok(start, 'the view has a camera');
    const hold = async (key, ms = 400) => {
      await page.keyboard.down(key);
      await page.waitForTimeout(ms);
      await page.keyboard.up(key);
      await waitFrames(page, 3);
    };
    await hold('ArrowRight');
    const turned = await camera(page);
    assert.ok(turned[3] > start[3] + 5, `yaw grew: ${start[3]} -> ${turned[3]}`);
    await page.keyboard.down('Shift');
    await hold('ArrowUp');
    await page.keyboard.up('Shift');
    const moved = await camera(page);
    assert.ok(Math.hypot(moved[0] - turned[0], moved[1] - turned[1]) > 100, `moved: ${turned} -> ${moved}`);
    await hold('Equal');
    const zoomed = await camera(page);
    assert.ok(zoomed[2] < moved[2] * 0.9, `zoomed in: ${moved[2]} -> ${zoomed[2]}`);
    await press(page, 'Home');
    await page.waitForFunction((s) => {
      const v = Module.UTF8ToString(Module.ccall('almere_session_view', 'number', [], []));
      const c = /camera=([^;]+)/.exec(v)[1].split(',').map(Number);
      return c.every((x, i) => Math.abs(x - s[i]) <= Math.max(1, Math.abs(s[i]) * 0.002));
    }, start, { timeout: 10000, polling: 50 });
    // Enter chooses the wijk in the middle of the map, and the live region says which.
    await press(page, 'Enter');
    assert.match(await selectedCode(page), /^WK\d{6}$/);
    assert.match(await announced(page, /Gekozen wijk: \S/), /Gekozen wijk: /);
  });

test('a plan switched by keyboard is said in the live region', { timeout: 90000 }, async (t) => {
  const view = await openViewer();
  t.after(() => view.context.close());
  const { page } = view;
  assert.equal(await page.evaluate(() => document.getElementById('announce').getAttribute('aria-live')), 'polite');
  await tabToCanvas(page);
  await tabTo(page, 'toggle:oosterwold');
  await press(page, 'Space');
  assert.equal(await planState(page), 'plans=oosterwold;phase=nu');
  assert.equal(await announced(page, /Oosterwold/), 'Plan aan: Oosterwold.');
  await press(page, 'Enter'); // Enter presses the control with the focus ring as Space does
  assert.equal(await planState(page), 'plans=;phase=nu');
  assert.equal(await announced(page, /uit/), 'Plan uit: Oosterwold.');
});

test('reduced motion: switching a plan on jumps to its end state at once', { timeout: 90000 }, async (t) => {
  // A plan switched on flies the camera to it and grows its blocks. With reduced motion the
  // frame after the switch is already the end state; without, it is still on its way.
  const trial = async (reducedMotion) => {
    const view = await openViewer({ reducedMotion });
    try {
      const { page } = view;
      assert.equal(await page.evaluate(() => Module.reducedMotion), reducedMotion === 'reduce');
      await tabToCanvas(page);
      await tabTo(page, 'toggle:oosterwold');
      const before = await camera(page);
      await page.keyboard.press('Space');
      await page.waitForFunction(() => /oosterwold/.test(Module.UTF8ToString(Module._almere_plan_state())),
        null, { timeout: 5000, polling: 5 });
      await waitFrames(page, 1);
      const moving = await page.evaluate(() => Module._almere_animating());
      const after = await camera(page);
      assert.ok(Math.abs(after[2] - before[2]) > 100, 'the view went to the plan');
      return moving;
    } finally {
      await view.context.close();
    }
  };
  assert.equal(await trial('no-preference'), 1, 'without reduced motion the camera and plan ease');
  assert.equal(await trial('reduce'), 0, 'with reduced motion they are there at once');
});

test('keyboard only: a reaction about Oosterwold for a chosen wijk arrives in the database once',
  { timeout: 180000 }, async (t) => {
    const view = await openViewer();
    t.after(() => view.context.close());
    const { page } = view;
    const comment = `Meer bomen bij de boerderij, met toetsen ${Date.now()}`;
    await tabToCanvas(page);
    await tabTo(page, 'toggle:oosterwold');
    await press(page, 'Space');
    assert.equal(await planState(page), 'plans=oosterwold;phase=nu');
    await tabTo(page, 'feedback.give', { key: 'Shift+Tab' }); // back to the title panel
    await press(page, 'Enter');
    assert.equal(STEPS[await feedbackStep(page)], 'subject');
    await tabTo(page, 'plan:oosterwold');
    await press(page, 'Space');
    assert.equal(STEPS[await feedbackStep(page)], 'where');
    // Esc leaves the buttons for the map; Shift+arrows move it; Enter chooses the wijk in the
    // middle (the camera flew to Oosterwold when it was switched on).
    await press(page, 'Escape');
    assert.equal(await focusedTarget(page), '');
    await press(page, 'Shift+ArrowUp');
    await press(page, 'Enter');
    const chosen = await page.evaluate(() => Module.UTF8ToString(Module._almere_selected_code()));
    assert.match(chosen, /^WK0034\d\d$/, 'the wijk in the middle is chosen and shown');
    assert.match(await announced(page, /Gekozen wijk: \S/), /Gekozen wijk: /, 'the live region says which');
    await tabTo(page, 'feedback.forward');
    await press(page, 'Space');
    assert.equal(STEPS[await feedbackStep(page)], 'rating');
    await tabTo(page, 'rating:4');
    await press(page, 'Space');
    await tabTo(page, 'feedback.forward');
    await press(page, 'Enter');
    assert.equal(STEPS[await feedbackStep(page)], 'comment');
    // The comment is the page's own text field, with the focus in it, labelled.
    await page.waitForFunction(() => document.activeElement.id === 'comment', null, { timeout: 5000 });
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Je reactie');
    await page.keyboard.type(comment);
    await page.keyboard.press('Tab'); // out of the text field, back onto the map (the app sees no key)
    assert.equal(await page.evaluate(() => document.activeElement.id), 'canvas');
    await tabTo(page, 'feedback.forward');
    await press(page, 'Space');
    assert.equal(STEPS[await feedbackStep(page)], 'background');
    assert.equal(await page.evaluate(() => document.getElementById('comment')), null, 'the field is gone');
    await tabTo(page, 'feedback.forward');
    await press(page, 'Space');
    assert.equal(STEPS[await feedbackStep(page)], 'consent');
    await tabTo(page, 'feedback.consent');
    await press(page, 'Space');
    await tabTo(page, 'feedback.forward');
    await press(page, 'Space');
    assert.equal(STEPS[await feedbackStep(page)], 'thanks');

    await page.waitForFunction(() => window.almereFeedback.pending() === 0, null, { timeout: 15000, polling: 100 });
    const r = await fetch(server.url + '/api/admin/export.json', { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(r.status, 200);
    const body = await r.json();
    const rows = (Array.isArray(body) ? body : body.reactions).filter((row) => row.comment === comment);
    assert.equal(rows.length, 1, 'the reaction arrived once');
    const row = rows[0];
    t.diagnostic(JSON.stringify(row));
    assert.equal(row.subject?.kind ?? row.subject_kind, 'plan');
    assert.equal(row.subject?.id ?? row.subject_id, 'oosterwold');
    assert.equal(row.wijk, chosen, 'for the wijk chosen on the map');
    assert.equal(row.rating, 4);
    assert.equal(row.plan_state, 'plans=oosterwold;phase=nu');
    assert.deepEqual(view.problems, []);
    assert.deepEqual(view.offsite, []);
  });

test('a phone held upright: the start view shows all six stadsdelen, no panel covers a name',
  { timeout: 60000 }, async (t) => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    });
    t.after(() => context.close());
    await keepLocal(context, server.url, []);
    const page = await context.newPage();
    await page.goto(server.url + '/');
    await page.waitForFunction(() => window.almereStatus === 'ready', null, { timeout: 30000, polling: 50 });
    await page.waitForFunction(() => Module._almere_frame_count() >= 4, null, { timeout: 15000 });
    await page.waitForTimeout(300);
    const targets = await page.evaluate(() =>
      JSON.parse(Module.UTF8ToString(Module.ccall('almere_targets', 'number', [], []))));
    const labels = targets.filter((x) => x[0].startsWith('stadsdeel:'));
    const panels = targets.filter((x) => x[0].startsWith('panel:'));
    await page.screenshot({ path: new URL('./out/phone-start.png', import.meta.url).pathname });
    t.diagnostic(JSON.stringify(targets));
    assert.equal(labels.length, 6, `six stadsdeel names drawn: ${labels.map((l) => l[0]).join(', ')}`);
    const overlap = (a, b) => a[1] < b[1] + b[3] && b[1] < a[1] + a[3] && a[2] < b[2] + b[4] && b[2] < a[2] + a[4];
    for (const label of labels) {
      assert.ok(label[1] >= 0 && label[2] >= 0 && label[1] + label[3] <= 360 && label[2] + label[4] <= 740,
        `${label[0]} is on screen: ${label.slice(1)}`);
      for (const panel of panels)
        assert.ok(!overlap(label, panel), `${label[0]} ${label.slice(1)} is not under ${panel[0]} ${panel.slice(1)}`);
    }
  });
