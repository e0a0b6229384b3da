// The staff's results (issue 11) in headless Chromium: the results page's counts equal those
// counted here from /api/admin/export.json; the wijk map has the 71 wijken and marks those
// without reactions; the colour switch works by keyboard; axe-core finds no WCAG 2.1 AA
// violations on the page or the report; the downloads hold the same numbers; the background
// bars show the population's shares only when the content pack has a population table.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { get, post, reaction, repoRoot, startServer } from './harness.mjs';
import { axeViolations, launchChromium } from '../web/harness.mjs';

const WIJK_A = 'WK003417';
const WIJK_B = 'WK003401';

// A varied evening: plans in two phases, ambitions tied to a wijk or to heel Almere, places,
// both channels, backgrounds given and left out.
function evening() {
  return [
    reaction({ rating: 5, plan_state: 'plans=pampus;phase=2030' }),
    reaction({ rating: 2, plan_state: 'plans=pampus;phase=2050', wijk: WIJK_A }),
    reaction({ subject: { kind: 'plan', id: 'hart' }, rating: 4, channel: 'kiosk', age_band: '18_34' }),
    reaction({ subject: { kind: 'ambition', id: 'klimaat' }, rating: 3, wijk: WIJK_B, home_stadsdeel: 'haven' }),
    reaction({ subject: { kind: 'ambition', id: 'woningen' }, rating: 1, age_band: undefined, home_stadsdeel: undefined }),
    reaction({ subject: { kind: 'place', id: WIJK_A }, pin: { lon: 5.2147, lat: 52.3712 }, rating: 4, channel: 'kiosk' }),
    reaction({ subject: { kind: 'place', id: WIJK_A }, pin: { lon: 5.2150, lat: 52.3710 }, rating: 5, home_stadsdeel: 'elders' }),
    reaction({ subject: { kind: 'plan', id: 'oosterwold' }, rating: 2, comment: 'Verbergen, alstublieft.' }),
  ];
}

// What the page should say, counted from the export's rows (not from the server's results).
function countExport(rows) {
  const wijkOf = (r) => (r.subject.kind === 'place' ? r.subject.id : r.wijk || '');
  const tally = (key) => rows.reduce((m, r) => m.set(key(r), (m.get(key(r)) || 0) + 1), new Map());
  return {
    total: rows.length,
    hidden: rows.filter((r) => r.moderation === 'hidden').length,
    subjects: tally((r) => (r.subject.kind === 'place' ? 'place:' : `${r.subject.kind}:${r.subject.id}`)),
    phases: tally((r) => (r.subject.kind === 'place' ? null
      : `${r.subject.kind}:${r.subject.id}:${/(?:^|;)phase=([^;]*)/.exec(r.plan_state)?.[1] ?? ''}`)),
    wijken: tally(wijkOf),
    ages: tally((r) => r.age_band || ''),
    homes: tally((r) => r.home_stadsdeel || ''),
    channels: tally((r) => r.channel),
  };
}

// The count cells of a table on the page, by each row's data attributes.
function tableCounts(page, table, key) {
  return page.$$eval(`table[data-table="${table}"] tbody tr`, (trs, k) => Object.fromEntries(trs.map((tr) =>
    [k.map((a) => tr.dataset[a]).join(':'), Number(tr.querySelector('td.count').textContent)])), key);
}

function copyAssetsWith(population) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'almere-assets-'));
  fs.cpSync(path.join(repoRoot, 'assets'), dir, { recursive: true });
  if (population) fs.writeFileSync(path.join(dir, 'feedback', 'population.json'), JSON.stringify(population));
  return dir;
}

let server;
let browser;
let admin;
before(async () => {
  server = await startServer();
  admin = { Authorization: `Bearer ${server.token}` };
  browser = await launchChromium();
  for (const body of evening()) assert.equal((await post(`${server.url}/api/reactions`, body)).status, 201);
  const exported = (await get(`${server.url}/api/admin/export.json`, admin)).json.reactions;
  const hide = exported.find((r) => r.comment === 'Verbergen, alstublieft.');
  const res = await post(`${server.url}/api/admin/reactions/${hide.id}/moderation`, { status: 'hidden' },
    { headers: admin });
  assert.equal(res.status, 200);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function staffPage(url) {
  const context = await browser.newContext({ extraHTTPHeaders: admin });
  const page = await context.newPage();
  const res = await page.goto(url);
  assert.equal(res.status(), 200);
  return { context, page };
}

test('the results page counts what the export holds', async () => {
  const rows = (await get(`${server.url}/api/admin/export.json`, admin)).json.reactions;
  const want = countExport(rows);
  assert.equal(want.total, 8);
  assert.equal(want.hidden, 1);
  const { context, page } = await staffPage(`${server.url}/staff/resultaten`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'nl');

  const totals = await tableCounts(page, 'totals', ['id']);
  assert.equal(totals.reactions, want.total);
  assert.equal(totals.hidden, want.hidden, 'a hidden comment still counts, and the page says how many');
  assert.equal(totals['channel:kiosk'], want.channels.get('kiosk'));
  assert.equal(totals['channel:web'], want.channels.get('web'));
  assert.equal(totals.without_wijk, want.wijken.get(''));

  const subjects = {};
  for (const kind of ['plan', 'ambition', 'place'])
    Object.assign(subjects, await tableCounts(page, `subjects-${kind}`, ['kind', 'id']));
  for (const [key, count] of want.subjects) assert.equal(subjects[key], count, key);
  assert.equal(Object.values(subjects).reduce((a, b) => a + b, 0), want.total);

  const phases = await tableCounts(page, 'phases', ['kind', 'id', 'phase']);
  for (const [key, count] of want.phases) if (key !== null) assert.equal(phases[key], count, key);
  assert.equal(phases['plan:pampus:2030'], 1);

  const wijken = await tableCounts(page, 'wijken', ['id']);
  assert.equal(Object.keys(wijken).length, 72, '71 wijken and "heel Almere"');
  for (const [code, count] of want.wijken) assert.equal(wijken[code], count, code || 'heel Almere');
  assert.equal(wijken[WIJK_A], 3, 'two pins and a plan reaction tied to the wijk');

  const ages = await tableCounts(page, 'age_bands', ['id']);
  for (const [id, count] of want.ages) assert.equal(ages[id], count, id || 'not given');
  const homes = await tableCounts(page, 'stadsdelen', ['id']);
  for (const [id, count] of want.homes) assert.equal(homes[id], count, id || 'not given');

  // The map: 71 wijken, each with its name and numbers; those without reactions say so.
  assert.equal(await page.locator('svg.map path').count(), 71);
  const titleA = await page.locator(`svg.map path[data-code="${WIJK_A}"] title`).textContent();
  assert.match(titleA, /: 3 reacties, gemiddeld 3,7$/);
  const quiet = await page.locator('svg.map path title', { hasText: 'geen reacties' }).count();
  assert.equal(quiet, 71 - [...want.wijken.keys()].filter((c) => c).length);
  assert.equal(await page.locator('svg.map path[fill^="url(#map-geen)"]').count(), quiet);
  assert.equal(await page.locator('[data-population="no"]').count(), 1);
  assert.equal(await page.getByRole('img').count(), 6, 'five charts and the map (the legend swatches are hidden)');
  assert.deepEqual(await axeViolations(page), []);

  // The switch by keyboard: Tab to "Kleur naar gemiddelde", Enter.
  let focused = '';
  for (let i = 0; i < 20 && focused !== 'Kleur naar gemiddelde'; ++i) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
  }
  assert.equal(focused, 'Kleur naar gemiddelde');
  await Promise.all([page.waitForURL(/kaart=gemiddelde/), page.keyboard.press('Enter')]);
  assert.equal(await page.getByRole('link', { name: 'Kleur naar gemiddelde' }).getAttribute('aria-current'), 'true');
  assert.equal(await page.locator(`svg.map path[data-code="${WIJK_A}"]`).getAttribute('fill'), '#80cdc1',
    'mean 3.7 falls in the class 3.4 to 4.2');
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test('the report: every chart with its table, both maps, methods; no axe violations; prints', async () => {
  const { context, page } = await staffPage(`${server.url}/staff/rapport`);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.reload();
  assert.deepEqual(requests, [`${server.url}/staff/rapport`], 'the report fetches nothing else');
  assert.equal(await page.locator('svg.map').count(), 2);
  assert.equal(await page.locator('figure table').count(), 5, 'a table beside every chart');
  assert.match(await page.locator('#methode').locator('..').textContent(), /verborgen opmerking \(1\)/);
  assert.ok(await page.locator('p.source', { hasText: 'reactions.csv' }).count() >= 6,
    'each figure names the export it comes from');
  assert.equal(await page.locator('nav').count(), 0, 'no buttons on paper');
  assert.deepEqual(await axeViolations(page), []);
  const pdf = await page.pdf({ format: 'A4' });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  await context.close();
});

test('the downloads hold the page\'s numbers; all of it is for staff only', async () => {
  const json = (await get(`${server.url}/api/admin/results.json`, admin)).json;
  assert.equal(json.totals.reactions, 8);
  assert.equal(json.population, null);
  const wijk = json.wijken.find((w) => w.id === WIJK_A);
  assert.deepEqual([wijk.count, wijk.ratings, wijk.mean], [3, [0, 1, 0, 1, 1], 3.67]);
  const csv = await get(`${server.url}/api/admin/results/wijken.csv`, admin);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.headers.get('content-disposition'), /filename="wijken.csv"/);
  assert.ok(csv.text.includes(`"wijk","${WIJK_A}","Centrum Almere Stad",3,0,1,0,1,1,3.67\r\n`), csv.text.slice(0, 300));
  assert.equal((await get(`${server.url}/api/admin/results/geheim.csv`, admin)).status, 404);
  for (const p of ['/staff/resultaten', '/staff/rapport', '/api/admin/results.json', '/api/admin/results/totals.csv']) {
    assert.equal((await get(server.url + p)).status, 401, p);
    assert.equal((await get(server.url + p, { Authorization: 'Bearer fout' })).status, 403, p);
  }
  const page = await get(`${server.url}/staff/resultaten`, admin);
  assert.equal(page.headers.get('cache-control'), 'no-store');
  assert.match(page.headers.get('content-security-policy'), /default-src 'none'/);
});

test('with a population table: its shares beside the respondents\', with its source', async () => {
  const assets = copyAssetsWith({
    source: 'Testtabel, door de test gemaakt (geen echte cijfers)', year: 2024,
    age_bands: { tot_18: 0.2, '18_34': 0.25, '35_54': 0.3, '55_74': 0.2, '75_plus': 0.05 },
    stadsdelen: { haven: 0.1, stad: 0.5, buiten: 0.2, poort: 0.1, hout: 0.05, pampus: 0.05 },
  });
  const s = await startServer({ args: ['--assets', assets] });
  try {
    const headers = { Authorization: `Bearer ${s.token}` };
    assert.equal((await post(`${s.url}/api/reactions`, reaction({ age_band: '35_54' }))).status, 201);
    const context = await browser.newContext({ extraHTTPHeaders: headers });
    const page = await context.newPage();
    assert.equal((await page.goto(`${s.url}/staff/resultaten`)).status(), 200);
    assert.match(await page.locator('[data-population="yes"]').textContent(), /Testtabel, door de test gemaakt .*2024/);
    const row = page.locator('table[data-table="age_bands"] tr[data-id="35_54"] td');
    assert.deepEqual(await row.allTextContents(), ['1', '100%', '30%']);
    assert.equal(await page.locator('table[data-table="stadsdelen"] tr[data-id="elders"] td').last().textContent(), '-',
      'no share is made up where the table has none');
    assert.ok(await page.locator('svg.chart text', { hasText: 'inwoners 30%' }).count() >= 1);
    assert.equal(await page.locator('svg.chart text', { hasText: 'inwoners: geen cijfer' }).count(), 1,
      '"elders" has no population share: said so, not drawn as 0%');
    assert.equal(await page.locator('svg.chart text', { hasText: 'inwoners 0%' }).count(), 0);
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
    const json = (await get(`${s.url}/api/admin/results.json`, headers)).json;
    assert.equal(json.population.year, 2024);
    assert.equal(json.age_bands.find((a) => a.id === '35_54').population_share, 0.3);
  } finally {
    await s.stop();
    fs.rmSync(assets, { recursive: true, force: true });
  }
});

test('a broken population table stops the start with the file and field named', async () => {
  const assets = copyAssetsWith({ source: 'x', year: 2024, age_bands: { oud: 0.5 }, stadsdelen: {} });
  try {
    await assert.rejects(startServer({ args: ['--assets', assets] }),
      /population\.json: age_bands\.oud: not an id of feedback\/form\.json/);
  } finally {
    fs.rmSync(assets, { recursive: true, force: true });
  }
});
