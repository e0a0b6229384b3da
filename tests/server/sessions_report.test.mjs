// Burgerberaad sessions (issue 9): the participation team's GeoJSON of pins and the printable
// report. The report is checked as HTML (lang, headings, no scripts, every text escaped) and
// its numbers against the answers the server stored (export.json) and the paper counts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { get, post } from './harness.mjs';
import { ROUND, sessionServer } from './sessions_fixture.mjs';

let s;
let code;
let people;
const HOSTILE = '<script>alert(1)</script> & "quotes" \'too\'';

before(async () => {
  s = await sessionServer();
  ({ code } = await s.newSession());
  people = [await s.join(code), await s.join(code), await s.join(code)];
  const [a, b, c] = people;
  const round = async (n, answers, paper) => {
    assert.equal((await s.control(code, { action: 'open', round: n })).status, 200);
    for (const [who, value] of answers) assert.equal((await s.answer(code, who, n, value)).status < 300, true);
    assert.equal((await s.control(code, { action: 'close' })).status, 200);
    if (paper) assert.equal((await s.control(code, { action: 'paper', round: n, counts: paper })).status, 200);
  };
  await round(ROUND.rating, [[a, { rating: 1 }], [a, { rating: 4 }], [b, { rating: 4 }], [c, { rating: 2 }]],
    [{ answer: { rating: 4 }, count: 3 }, { answer: { rating: 1 }, count: 1 }]);
  await round(ROUND.choice, [[a, { choices: ['groen'] }], [b, { choices: ['huizen'] }], [c, { choices: ['groen'] }]],
    [{ answer: { choices: ['huizen'] }, count: 10 }]);
  // Statements: one proposal approved (with markup in it), one rejected.
  assert.equal((await s.control(code, { action: 'open', round: ROUND.statements })).status, 200);
  const propose = (text) => post(s.api(code, '/statements'), { participant: a, round: ROUND.statements, text });
  assert.equal((await propose('Meer <b>fietspaden</b>')).status, 201);
  assert.equal((await propose('Geheim voorstel')).status, 201);
  await s.control(code, { action: 'approve_statement', statement: 'p1' });
  await s.control(code, { action: 'reject_statement', statement: 'p2' });
  for (const [who, votes] of [[a, { s1: 'agree', s2: 'disagree', p1: 'agree' }],
    [b, { s1: 'agree', s2: 'pass', p1: 'agree' }], [c, { s1: 'disagree', p1: 'agree' }]]) {
    assert.equal((await s.answer(code, who, ROUND.statements, { votes })).status, 201);
  }
  await s.control(code, { action: 'close' });
  await round(ROUND.place, [[a, { pin: { lon: 5.21, lat: 52.37 } }], [b, { pin: { lon: 5.3, lat: 52.41 } }]]);
  await round(ROUND.comment, [[a, { comment: HOSTILE }], [b, { comment: 'Gewoon goed' }]],
    [{ answer: { comment: 'Op papier: meer bankjes' }, count: 2 }]);
});
after(async () => { await s?.server.stop('SIGKILL'); });

const unescape = (t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&#39;/g, '\'').replace(/&amp;/g, '&');
// Each <svg> of a round section as [[label, figures], ...] (label lines joined by spaces).
function charts(section) {
  return [...section.matchAll(/<svg[\s\S]*?<\/svg>/g)].map(([svg]) =>
    [...svg.matchAll(/<g class="bar">([\s\S]*?)<\/g>/g)].map(([, bar]) => [
      [...bar.matchAll(/<text class="label"[^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1])).join(' '),
      unescape(/<text class="figures"[^>]*>([^<]*)<\/text>/.exec(bar)[1])]));
}

describe('GET /api/sessions/CODE/export.geojson', () => {
  test('a Point per place answer, [lon, lat], with round, participant, view and time', async () => {
    assert.equal((await get(s.api(code, '/export.geojson'))).status, 401);
    const res = await get(s.api(code, '/export.geojson'), s.admin);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^application\/geo\+json/);
    assert.equal(res.json.type, 'FeatureCollection');
    const byWho = Object.fromEntries(res.json.features.map((f) => [f.properties.participant, f]));
    assert.equal(res.json.features.length, 2);
    assert.deepEqual(byWho[people[0]].geometry, { type: 'Point', coordinates: [5.21, 52.37] });
    assert.deepEqual(byWho[people[1]].geometry.coordinates, [5.3, 52.41]);
    const p = byWho[people[0]].properties;
    assert.deepEqual(Object.keys(p).sort(), ['answered_at', 'participant', 'round', 'round_id', 'view']);
    assert.equal(p.round, ROUND.place);
    assert.equal(p.round_id, 'plek');
    assert.ok(Math.abs(p.answered_at - Date.now() / 1000) < 120);
  });
});

describe('GET /api/sessions/CODE/report.html', () => {
  let html;
  let sections;
  let stored;
  before(async () => {
    const res = await get(s.api(code, '/report.html'), s.admin);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/html; charset=utf-8/);
    assert.match(res.headers.get('content-security-policy'), /default-src 'none'/);
    html = res.text;
    sections = html.split('<section class="round"').slice(1);
    stored = (await get(s.api(code, '/export.json'), s.admin)).json;
  });

  test('only for the participation team', async () => {
    assert.equal((await get(s.api(code, '/report.html'))).status, 401);
    assert.equal((await get(s.api(code, '/report.html'), s.facilitator)).status, 401);
  });

  test('self-contained, lang="nl", no scripts, headings in order, participants\' text escaped', () => {
    assert.match(html, /^<!DOCTYPE html>\n<html lang="nl">/);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /\son\w+=/i, 'no event handler attributes');
    assert.doesNotMatch(html, /(src|href)=/i, 'nothing loaded from elsewhere');
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;'));
    assert.ok(html.includes('Meer &lt;b&gt;fietspaden&lt;/b&gt;'));
    assert.ok(!html.includes('Geheim voorstel'), 'a rejected proposal is never shown');
    const levels = [...html.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]));
    assert.equal(levels[0], 1);
    assert.equal(levels.filter((l) => l === 1).length, 1);
    for (let i = 1; i < levels.length; ++i) assert.ok(levels[i] <= levels[i - 1] + 1, `h${levels[i - 1]} then h${levels[i]}`);
    assert.equal(levels.filter((l) => l === 2).length, 5, 'one per round');
    assert.ok(html.includes(`<strong>${code}</strong>`));
  });

  test('each round: title, question and its source in the vision', () => {
    assert.match(sections[0], /<h2>Ronde 1: Pampus<\/h2>/);
    assert.ok(sections[0].includes('Wat vindt u ervan?'));
    assert.ok(sections[0].includes('Bron: Ontwerp Omgevingsvisie Almere 2050, hoofdstuk 5d'));
    assert.ok(sections[3].includes('Bron: Ontwerp Omgevingsvisie Almere 2050, hoofdstuk 5b'));
  });

  test('ratings: 1..5 with words, online and paper, as stored', () => {
    const tally = [0, 0, 0, 0, 0];
    for (const a of stored.answers.filter((x) => x.round === ROUND.rating)) tally[a.answer.rating - 1]++;
    assert.deepEqual(tally, [0, 1, 0, 2, 0], 'the changed answer counts once');
    const [online, paper] = charts(sections[0]);
    const words = ['1 Heel slecht', '2 Slecht', '3 Neutraal', '4 Goed', '5 Heel goed'];
    assert.deepEqual(online, words.map((w, i) => [w, String(tally[i])]));
    assert.deepEqual(paper, words.map((w, i) => [w, String([1, 0, 0, 3, 0][i])]));
    assert.ok(sections[0].includes('Online <span class="count">(3 antwoorden)'));
    assert.ok(sections[0].includes('Op papier <span class="count">(4 stemmen)'));
  });

  test('choices by option text', () => {
    const [online, paper] = charts(sections[1]);
    assert.deepEqual(online, [['Meer groen', '2'], ['Huizen', '1']]);
    assert.deepEqual(paper, [['Meer groen', '0'], ['Huizen', '10']]);
  });

  test('statements sorted by their share of agree, with agree, disagree and pass', () => {
    const [online, paper] = charts(sections[2]);
    assert.deepEqual(online, [
      ['Meer <b>fietspaden</b> (voorstel van een deelnemer)', '100% eens (3 eens, 0 oneens, 0 pas)'],
      ['Almere moet groener', '67% eens (2 eens, 1 oneens, 0 pas)'],
      ['Meer bussen', '0% eens (0 eens, 1 oneens, 1 pas)']]);
    assert.equal(paper, undefined, 'no paper ballots: no chart');
    assert.ok(sections[2].includes('Op papier <span class="count">(0 stemmen)'));
  });

  test('place: the number of pins; comment: the comments listed', () => {
    assert.match(sections[3], /Aantal spelden: <strong class="pins">2<\/strong>/);
    const items = [...sections[4].matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]);
    assert.deepEqual(items.map(unescape).sort(), [HOSTILE, 'Gewoon goed', 'Op papier: meer bankjes <span class="times">(2×)</span>'].sort());
  });
});
