// The text route and the accessibility statement (issue 10), served by almere-server from the
// site folder (build/web/bin, or ALMERE_SITE) and driven in headless Chromium:
//   - axe-core (WCAG 2.0/2.1 A+AA, 2.2 AA) finds nothing on each page, each section, every
//     language found in assets/lang (Arabic right to left), and on the form with its errors;
//   - a reaction given with the keyboard alone arrives in the server's store exactly once;
//   - with the server stopped the form says so and keeps the draft; once it is back, the draft
//     is sent, once;
//   - the accessibility tree names every plan, phase and form label (read from the content);
//   - a screenshot of the Arabic page matches its golden image (tests/web/golden/tekst-ar/;
//     refresh: ALMERE_UPDATE_GOLDEN=1 node --test tests/web/text_route.test.mjs, then look).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { axeViolations, keepLocal, launchChromium, repoRoot, startServer } from './harness.mjs';

const langDir = path.join(repoRoot, 'assets', 'lang');
const languages = fs.readdirSync(langDir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
const files = Object.fromEntries(languages.map((code) =>
  [code, JSON.parse(fs.readFileSync(path.join(langDir, `${code}.json`), 'utf8'))]));
const plans = JSON.parse(fs.readFileSync(path.join(repoRoot, 'assets', 'plans', 'plans.json'), 'utf8'));
const form = JSON.parse(fs.readFileSync(path.join(repoRoot, 'assets', 'feedback', 'form.json'), 'utf8'));
const nl = files.nl.strings;
const SECTIONS = ['header', '#plannen', '#tijd', '#doelen', '#themas', '#mening', 'footer'];
const goldenDir = path.join(repoRoot, 'tests', 'web', 'golden', 'tekst-ar');
const outDir = path.join(repoRoot, 'tests', 'web', 'out', 'tekst-ar');

let server;
let browser;
const offsite = [];

const textRoute = (code) => `${server.url}/tekst/${code === 'nl' ? '' : `${code}/`}`;
const statement = (code) => `${server.url}/toegankelijkheid/${code === 'nl' ? '' : `${code}/`}`;

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  await keepLocal(context, server.url, offsite);
  return context.newPage();
}

async function exported(s = server) {
  const token = fs.readFileSync(path.join(s.dataDir, 'admin-token'), 'utf8').trim();
  const res = await fetch(`${s.url}/api/admin/export.json`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  return (await res.json()).reactions;
}

// Fills the form with Playwright's clicks (the keyboard has a test of its own).
async function fillForm(page, { subject = 'plan:oosterwold', wijk = 'WK003465', rating = '4', comment = 'Meer bomen.' } = {}) {
  await page.check(`input[name="subject"][value="${subject}"]`);
  await page.selectOption('#plek', wijk);
  await page.check(`input[name="rating"][value="${rating}"]`);
  await page.fill('#tekst', comment);
  await page.check('#consent');
}

before(async () => {
  server = await startServer({ args: ['--rate-limit', '0'] });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  assert.deepEqual(offsite, [], 'nothing was fetched from outside 127.0.0.1');
});

describe('every language', () => {
  for (const code of languages) {
    test(`${code}: axe finds nothing on the text route, nor in any of its sections`, async () => {
      const page = await newPage();
      const res = await page.goto(textRoute(code));
      assert.equal(res.status(), 200);
      assert.equal(await page.getAttribute('html', 'lang'), code);
      assert.equal(await page.getAttribute('html', 'dir'), code === 'ar' ? 'rtl' : null);
      assert.equal(await page.locator('h1').count(), 1);
      assert.equal(await page.locator('canvas').count(), 0);
      assert.deepEqual(await axeViolations(page), [], 'whole page');
      for (const section of SECTIONS)
        assert.deepEqual(await axeViolations(page, section), [], section);
      // The language choice leads to every language's page, and says which are unchecked.
      for (const other of languages) {
        const link = page.locator(`header nav a[hreflang="${other}"]`);
        assert.equal(new URL(await link.getAttribute('href'), page.url()).href, textRoute(other));
        const note = files[other].language_unchecked;
        if (note) assert.ok((await page.locator(`header nav li[lang="${other}"]`).textContent()).includes(note), other);
      }
      await page.context().close();
    });

    test(`${code}: axe finds nothing on the accessibility statement`, async () => {
      const page = await newPage();
      assert.equal((await page.goto(statement(code))).status(), 200);
      assert.equal(await page.getAttribute('html', 'lang'), code);
      assert.deepEqual(await axeViolations(page), []);
      // It leads to the text route and to the 3D view.
      const hrefs = await page.locator('a').evaluateAll((as) => as.map((a) => a.href));
      assert.ok(hrefs.includes(textRoute(code)), hrefs.join(' '));
      assert.ok(hrefs.includes(`${server.url}/`), hrefs.join(' '));
      await page.context().close();
    });
  }
});

describe('the form shows what is wrong, at the field and in a summary', () => {
  test('missing answers: the browser\'s required checks, marked and summarised; axe finds nothing', async () => {
    const page = await newPage();
    await page.goto(textRoute('nl'));
    await page.click('#reactie button[type="submit"]');
    await page.waitForSelector('#fouten:not([hidden])');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'fouten', 'focus on the summary');
    const items = await page.locator('#fouten li').allTextContents();
    assert.deepEqual(items, [nl['text.error.subject'], nl['text.error.rating'], nl['text.error.consent']]);
    for (const [group, control] of [['subject', 's-plan-pampus'], ['rating', 'r-1'], ['consent', 'consent']]) {
      assert.equal(await page.isVisible(`#fout-${group}`), true, group);
      assert.equal(await page.getAttribute(`#${control}`, 'aria-invalid'), 'true', control);
    }
    // A link in the summary takes the keyboard to the field.
    await page.click('#fouten li:nth-child(2) a');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'r-1');
    assert.deepEqual(await axeViolations(page), [], 'with the errors showing');
    await page.context().close();
  });

  test('the server\'s refusal ("comment: ..." for 501 characters) is shown at the comment', async () => {
    const page = await newPage();
    await page.goto(textRoute('nl'));
    await fillForm(page);
    // maxlength stops typing, not a script: this is what an old or hostile client could send.
    await page.evaluate(() => { document.getElementById('tekst').value = 'a'.repeat(501); });
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/reactions'));
    await page.click('#reactie button[type="submit"]');
    assert.equal((await answer).status(), 400);
    await page.waitForSelector('#fout-comment:not([hidden])');
    assert.equal(await page.getAttribute('#tekst', 'aria-invalid'), 'true');
    assert.match(await page.getAttribute('#tekst', 'aria-describedby'), /fout-comment/);
    assert.deepEqual(await page.locator('#fouten li').allTextContents(), [nl['text.error.comment']]);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'fouten');
    assert.equal(await page.inputValue('#tekst'), 'a'.repeat(501), 'the answers stay to be fixed');
    assert.deepEqual(await axeViolations(page), [], 'with the server\'s error showing');

    // A place without a wijk: the server wants a pin, the page points at the place list.
    await page.fill('#tekst', 'Korter.');
    await page.check('#s-place');
    await page.selectOption('#plek', '');
    await page.click('#reactie button[type="submit"]');
    await page.waitForSelector('#fout-place:not([hidden])');
    assert.equal(await page.isVisible('#fout-comment'), false, 'the fixed field is no longer marked');
    assert.equal(await page.getAttribute('#plek', 'aria-invalid'), 'true');
    assert.equal(new URL(await page.getAttribute('#fouten a', 'href'), page.url()).hash, '#plek');
    assert.deepEqual(await axeViolations(page), [], 'with the place error showing');
    await page.context().close();
  });
});

test('keyboard only: a reaction about Oosterwold for a chosen wijk arrives once', async () => {
  const page = await newPage();
  await page.goto(textRoute('nl'));
  const kb = page.keyboard;
  const active = () => page.evaluate(() => {
    const a = document.activeElement;
    return { id: a.id, name: a.name || '', value: a.value || '', tag: a.tagName };
  });
  async function tabTo(check, what) {
    for (let i = 0; i < 120; ++i) {
      if (check(await active())) return;
      await kb.press('Tab');
    }
    assert.fail(`Tab never reached ${what}`);
  }
  // The skip link is the first stop.
  await kb.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), '#main');
  await tabTo((a) => a.name === 'subject', 'the subject');
  await kb.press('Space');
  for (let i = 0; i < 5 && (await active()).value !== 'plan:oosterwold'; ++i) await kb.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.querySelector('input[name=subject]:checked').value), 'plan:oosterwold');
  await tabTo((a) => a.id === 'plek', 'the place list');
  for (let i = 0; i < 7; ++i) await kb.press('ArrowDown');
  const wijk = await page.inputValue('#plek');
  assert.match(wijk, /^WK0034\d\d$/, 'a wijk chosen with the arrows');
  await tabTo((a) => a.name === 'rating', 'the rating');
  await kb.press('Space');
  await kb.press('ArrowRight');
  await kb.press('ArrowRight');
  await kb.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.querySelector('input[name=rating]:checked').value), '4');
  await tabTo((a) => a.id === 'tekst', 'the comment');
  const comment = `Met het toetsenbord ${Date.now()}`;
  await kb.type(comment);
  await tabTo((a) => a.id === 'consent', 'the consent');
  await kb.press('Space');
  await kb.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.type), 'submit');
  await kb.press('Enter');
  await page.waitForFunction((t) => document.getElementById('status').textContent === t, nl['feedback.thanks_text']);
  const rows = (await exported()).filter((r) => r.comment === comment);
  assert.equal(rows.length, 1);
  assert.deepEqual([rows[0].subject, rows[0].wijk, rows[0].rating, rows[0].channel, rows[0].lang],
    [{ kind: 'plan', id: 'oosterwold' }, wijk, 4, 'web', 'nl']);
  assert.equal(await page.evaluate(() => localStorage.getItem('almere2050.tekst.draft')), null, 'draft gone once confirmed');
  await page.context().close();
});

test('a place reaction carries the wijk and the pin at its label point', async () => {
  const page = await newPage();
  await page.goto(textRoute('nl'));
  const comment = `Plek ${Date.now()}`;
  // The search field narrows the list: typing part of a name leaves the matching wijken.
  await page.fill('#zoek', 'kruidenwijk');
  const shown = await page.locator('#plek option').evaluateAll((os) => os.filter((o) => !o.hidden).map((o) => o.textContent));
  assert.deepEqual(shown, [nl['feedback.whole_city'], 'Kruidenwijk']);
  await fillForm(page, { subject: 'place:', wijk: await page.locator('#plek option', { hasText: 'Kruidenwijk' }).getAttribute('value'), comment });
  await page.click('#reactie button[type="submit"]');
  await page.waitForFunction((t) => document.getElementById('status').textContent === t, nl['feedback.thanks_text']);
  const [row] = (await exported()).filter((r) => r.comment === comment);
  assert.equal(row.subject.kind, 'place');
  assert.match(row.subject.id, /^WK0034\d\d$/);
  assert.ok(row.pin.lon > 5.1 && row.pin.lon < 5.4 && row.pin.lat > 52.3 && row.pin.lat < 52.45, JSON.stringify(row.pin));
  assert.equal(row.wijk, undefined, 'a place has its code in subject.id');
  await page.context().close();
});

test('server stopped: the form says not sent and keeps the draft; server back: sent once', async () => {
  const own = await startServer({ args: ['--rate-limit', '0'] });
  const port = new URL(own.url).port;
  const page = await newPage();
  await page.context().route((url) => url.href.startsWith(own.url + '/'), (route) => route.continue());
  await page.goto(`${own.url}/tekst/`);
  const comment = `Offline ${Date.now()}`;
  await fillForm(page, { comment });
  await own.stop();
  await page.click('#reactie button[type="submit"]');
  await page.waitForFunction((t) => document.getElementById('status').textContent.includes(t), nl['text.not_sent']);
  assert.equal(await page.isVisible('#opnieuw'), true, 'a retry button');
  assert.equal(await page.inputValue('#tekst'), comment, 'the form stays filled');
  const draft = JSON.parse(await page.evaluate(() => localStorage.getItem('almere2050.tekst.draft')));
  assert.equal(draft.comment, comment);
  // Retrying while the server is still away: still kept, same id.
  await page.click('#opnieuw');
  await page.waitForFunction((t) => document.getElementById('status').textContent.includes(t), nl['text.not_sent']);
  assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('almere2050.tekst.draft'))).id, draft.id);

  const back = await startServer({ dataDir: own.dataDir, args: ['--rate-limit', '0', '--port', port] });
  try {
    assert.equal(back.url, own.url, 'the same address');
    // The next visit finds the unconfirmed draft and sends it.
    await page.reload();
    await page.waitForFunction((t) => document.getElementById('status').textContent === t, nl['feedback.thanks_text']);
    assert.equal(await page.evaluate(() => localStorage.getItem('almere2050.tekst.draft')), null);
    // Sending the same again (a second tab, a double click) is harmless: the id is known.
    const again = await fetch(`${back.url}/api/reactions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(draft) });
    assert.equal(again.status, 200);
    await page.reload();
    const rows = (await exported(back)).filter((r) => r.comment === comment);
    assert.equal(rows.length, 1, 'stored exactly once');
    assert.equal(rows[0].id, draft.id);
    assert.equal(rows[0].wijk, 'WK003465');
  } finally {
    await page.context().close();
    await back.stop();
  }
});

test('/tekst without its slash goes to the text route, keeping ?lang=; a missing page is still 404', async () => {
  const res = await fetch(`${server.url}/tekst?lang=pl&x=a%20b`, { redirect: 'manual' });
  assert.equal(res.status, 301);
  assert.equal(res.headers.get('location'), 'tekst/?lang=pl&x=a%20b');
  const page = await newPage();
  await page.goto(`${server.url}/toegankelijkheid`);
  assert.equal(new URL(page.url()).pathname, '/toegankelijkheid/');
  assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
  await page.context().close();
  assert.equal((await fetch(`${server.url}/geen-pagina`, { redirect: 'manual' })).status, 404);
});

test('the accessibility tree names every plan, phase and form label', async () => {
  const page = await newPage();
  await page.goto(textRoute('nl'));
  const tree = await page.locator('body').ariaSnapshot();
  const expected = [
    ...plans.plans.map((p) => `heading "${nl[`plan.${p.id}.title`]}"`),
    ...plans.plans.map((p) => `radio "${nl[`plan.${p.id}.title`]}"`),
    ...plans.phases.map((p) => `heading "${nl[`phase.${p.id}.label`]}"`),
    ...form.subjects.ambitions.map((a) => `radio "${nl[`ambition.${a}`]}"`),
    `radio "${nl['feedback.place']}"`,
    ...[1, 2, 3, 4, 5].map((n) => `radio "${nl[`feedback.rating.${n}`]}"`),
    `group "${nl['feedback.subject_q']} *"`, `group "${nl['text.place_q']}"`,
    `group "${nl['feedback.rating_q']} *"`, `group "${nl['feedback.background_q']}"`,
    `group "${nl['text.consent_title']} *"`,
    `searchbox "${nl['text.place_search']}"`, `listbox "${nl['text.place_list']}"`,
    `textbox "${nl['feedback.comment_q']}"`, `checkbox "${nl['feedback.consent_yes']}"`,
    `combobox "${nl['feedback.age']} (${nl['text.optional']})"`,
    `combobox "${nl['feedback.home']} (${nl['text.optional']})"`,
    `button "${nl['feedback.send']}"`,
  ];
  const missing = expected.filter((e) => !tree.includes(e));
  assert.deepEqual(missing, [], tree);
  await page.context().close();
});

test('"Lees voor" is offered only where the browser has a voice for the page\'s language', async () => {
  const page = await newPage();
  // The browser's voices, as the test sets them; what is spoken is recorded, not heard.
  await page.addInitScript(() => {
    window.testVoices = [];
    window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
    Object.defineProperty(speechSynthesis, 'getVoices', { value: () => window.testVoices });
    Object.defineProperty(speechSynthesis, 'speak', { value: (u) => { window.spoken = { text: u.text, lang: u.lang, voice: u.voice && u.voice.lang }; } });
  });
  await page.goto(textRoute('nl'));
  const visible = () => page.locator('button.lees:visible').count();
  assert.equal(await visible(), 0, 'no voices: no button');
  await page.evaluate(() => {
    window.testVoices = [{ lang: 'en-US', name: 'en', voiceURI: 'en', localService: true, default: true }];
    speechSynthesis.dispatchEvent(new Event('voiceschanged'));
  });
  assert.equal(await visible(), 0, 'an English voice does not read Dutch');
  await page.evaluate(() => {
    window.testVoices.push({ lang: 'nl-NL', name: 'nl', voiceURI: 'nl', localService: true, default: false });
    speechSynthesis.dispatchEvent(new Event('voiceschanged'));
  });
  assert.equal(await visible(), plans.plans.length, 'a Dutch voice: one button per plan card');
  await page.locator('button.lees').first().click();
  const spoken = await page.evaluate(() => window.spoken);
  assert.equal(spoken.lang, 'nl');
  assert.equal(spoken.voice, 'nl-NL');
  assert.ok(spoken.text.includes(nl[`plan.${plans.plans[0].id}.title`]) && spoken.text.includes(nl[`plan.${plans.plans[0].id}.what`]), spoken.text);
  assert.ok(!spoken.text.includes(nl['text.read_aloud']), 'the button itself is not read');
  await page.context().close();
});

const rtl = languages.filter((code) => code === 'ar');
for (const code of rtl) {
  test(`${code}: a screenshot of the right-to-left text route matches its golden image`, async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 600, height: 1000 });
    await page.goto(textRoute(code));
    await page.evaluate(() => document.fonts.ready);
    const shot = await page.screenshot({ animations: 'disabled', caret: 'hide' });
    const expectedPath = path.join(goldenDir, 'expected.png');
    fs.mkdirSync(outDir, { recursive: true });
    if (process.env.ALMERE_UPDATE_GOLDEN === '1') {
      fs.mkdirSync(goldenDir, { recursive: true });
      fs.writeFileSync(expectedPath, shot);
      console.log(`# golden written: ${expectedPath}`);
    }
    assert.ok(fs.existsSync(expectedPath), `no golden at ${expectedPath} (ALMERE_UPDATE_GOLDEN=1 writes it)`);
    // Font hinting may differ a little between machines: at most 0.5% of the pixels may differ
    // by more than 48 of 255 in a channel.
    const a = PNG.sync.read(shot);
    const b = PNG.sync.read(fs.readFileSync(expectedPath));
    assert.deepEqual([a.width, a.height], [b.width, b.height]);
    let differ = 0;
    for (let i = 0; i < a.data.length; i += 4) {
      if (Math.max(...[0, 1, 2].map((k) => Math.abs(a.data[i + k] - b.data[i + k]))) > 48) differ++;
    }
    const fraction = differ / (a.width * a.height);
    if (fraction > 0.005) fs.writeFileSync(path.join(outDir, 'actual.png'), shot);
    assert.ok(fraction <= 0.005, `${(100 * fraction).toFixed(2)}% of the pixels differ (see ${outDir})`);
    await page.context().close();
  });
}
