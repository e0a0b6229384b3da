// Burgerberaad sessions (issue 9) on 127.0.0.1: the facilitator makes a session from an agenda,
// participants join with its code and answer; every state change, bad input and the live state
// (long polling) are checked, and a killed server resumes the session where it was.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { get, post, repoRoot, startServer } from './harness.mjs';

const text = (nl) => ({ nl, en: `${nl} (en)` });
const source = text('Ontwerp Omgevingsvisie Almere 2050, hoofdstuk 5d');
const agenda = {
  id: 'test',
  title: text('Testavond'),
  rounds: [
    { id: 'mening', title: text('Pampus'), intro: text('Kijk naar Pampus.'),
      view: { plan_state: 'plans=pampus;phase=2050', camera: [-4000, 1000, 6000, 0, 55] },
      question: { kind: 'rating', text: text('Wat vindt u ervan?'), source } },
    { id: 'keuze', title: text('Keuze'), intro: text('Kies er een.'), view: { plan_state: '' },
      question: { kind: 'choice', text: text('Wat eerst?'), source, multiple: false,
        options: [{ id: 'groen', text: text('Groen') }, { id: 'huizen', text: text('Huizen') }] } },
  ],
};

// A content pack of its own: the real form, and the agenda above as the only session.
function assetsWithAgenda() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'almere-sessions-assets-'));
  fs.mkdirSync(path.join(dir, 'feedback'));
  fs.copyFileSync(path.join(repoRoot, 'assets', 'feedback', 'form.json'), path.join(dir, 'feedback', 'form.json'));
  fs.mkdirSync(path.join(dir, 'sessions'));
  fs.writeFileSync(path.join(dir, 'sessions', 'test.json'), JSON.stringify(agenda));
  return dir;
}

const assets = assetsWithAgenda();
let server;
let key;
const facilitator = () => ({ 'X-Almere-Facilitator-Key': key });
const control = (code, body) => post(`${server.url}/api/sessions/${code}/control`, body, { headers: facilitator() });
const answer = (code, participant, round, value) =>
  post(`${server.url}/api/sessions/${code}/answers`, { participant, round, answer: value });
const join = async (code) => (await post(`${server.url}/api/sessions/${code}/participants`, '', { contentType: null })).json.participant;

async function newSession() {
  const res = await post(`${server.url}/api/sessions`, { agenda: 'test' }, { headers: facilitator() });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

before(async () => {
  server = await startServer({ args: ['--assets', assets] });
  key = fs.readFileSync(path.join(server.dataDir, 'facilitator-key'), 'utf8').trim();
});
after(async () => { await server?.stop('SIGKILL'); });

describe('making a session', () => {
  test('only the facilitator, with a known agenda; a 6-character code without look-alikes', async () => {
    const url = `${server.url}/api/sessions`;
    assert.equal((await post(url, { agenda: 'test' })).status, 401);
    assert.equal((await post(url, { agenda: 'test' }, { headers: { 'X-Almere-Facilitator-Key': 'x'.repeat(32) } })).status, 403);
    const admin = await post(url, { agenda: 'test' }, { headers: { Authorization: `Bearer ${server.token}` } });
    assert.equal(admin.status, 401, 'the admin token is not the facilitator key');
    assert.equal((await post(url, { agenda: 'unknown' }, { headers: facilitator() })).status, 400);
    const made = await newSession();
    assert.match(made.code, /^[ACDEFHJKMNPRTUVWXY3479]{6}$/);
    assert.deepEqual({ state: made.state, round: made.round, rounds: made.rounds, participants: made.participants },
      { state: 'lobby', round: -1, rounds: 2, participants: 0 });
    assert.equal(fs.statSync(path.join(server.dataDir, 'facilitator-key')).mode & 0o777, 0o600);
    assert.ok(!server.output().includes(key), 'the key is never printed');
  });

  test('the agendas are public: GET /api/agendas/ID gives the file the server runs', async () => {
    const res = await get(`${server.url}/api/agendas/test`);
    assert.equal(res.status, 200);
    assert.equal(res.json.id, 'test');
    assert.equal(res.json.rounds.length, 2);
    assert.equal((await get(`${server.url}/api/agendas/nope`)).status, 404);
    assert.equal((await get(`${server.url}/api/agendas/..%2Fadmin-token`)).status, 404);
    assert.equal((await post(`${server.url}/api/agendas/test`, {})).status, 405);
  });

  test('unknown and malformed codes: 404', async () => {
    assert.equal((await get(`${server.url}/api/sessions/AAAAAA`)).status, 404);
    assert.equal((await get(`${server.url}/api/sessions/abc`)).status, 404);
    assert.equal((await get(`${server.url}/api/sessions/O0O0O0`)).status, 404, 'look-alike letters are no code');
  });

  test('one address may bring a whole room; a session takes at most 1,000 participants', async () => {
    const { code } = await newSession();
    for (let i = 0; i < 1000; i += 50) {
      const ids = await Promise.all(Array.from({ length: 50 }, () => join(code)));
      assert.ok(ids.every((id) => /^[0-9a-f-]{36}$/.test(id)), `joins ${i}..${i + 49} from one address`);
    }
    const full = await post(`${server.url}/api/sessions/${code}/participants`, '', { contentType: null });
    assert.equal(full.status, 404);
    assert.match(full.json.error, /full \(1000 joined\)/);
    assert.equal((await get(`${server.url}/api/sessions/${code}`)).json.participants, 1000);
  });
});

describe('a round', () => {
  test('join, answer, change the answer, close, show results', async () => {
    const { code } = await newSession();
    const [a, b] = [await join(code), await join(code)];
    assert.match(a, /^[0-9a-f-]{36}$/);
    assert.notEqual(a, b);
    assert.equal((await answer(code, a, 0, { rating: 4 })).status, 409, 'the lobby takes no answers');

    const opened = await control(code, { action: 'open', round: 0, view: 'plans=pampus;phase=2050' });
    assert.equal(opened.status, 200, opened.text);
    assert.equal(opened.json.state, 'open');
    const state = (await get(`${server.url}/api/sessions/${code}`)).json;
    assert.deepEqual({ state: state.state, round: state.round, view: state.view, participants: state.participants },
      { state: 'open', round: 0, view: 'plans=pampus;phase=2050', participants: 2 });

    const first = await answer(code, a, 0, { rating: 4 });
    assert.equal(first.status, 201, first.text);
    assert.equal(first.json.status, 'stored');
    const again = await answer(code, a, 0, { rating: 2 });
    assert.equal(again.status, 200);
    assert.equal(again.json.status, 'replaced');
    assert.equal((await answer(code, b, 0, { rating: 2 })).status, 201);
    const bad = await answer(code, b, 0, { rating: 9 });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error, 'answer.rating: expected a whole number from 1 to 5');
    assert.equal((await answer(code, b, 0, { rating: 3, name: 'Jan' })).status, 400, 'nothing but the answer');
    assert.equal((await answer(code, crypto.randomUUID(), 0, { rating: 3 })).status, 403);
    assert.equal((await answer(code, a, 1, { choices: ['groen'] })).status, 409, 'round 1 is not open');
    assert.equal((await answer(code, a, 7, { rating: 3 })).status, 400);
    assert.equal((await get(`${server.url}/api/sessions/${code}`)).json.answers, 2, 'each participant once');

    assert.equal((await control(code, { action: 'close' })).status, 200);
    assert.equal((await answer(code, b, 0, { rating: 5 })).status, 409, 'a closed round');
    assert.equal((await get(`${server.url}/api/sessions/${code}/results`)).status, 403, 'not shown yet');
    const forFacilitator = await get(`${server.url}/api/sessions/${code}/results`, facilitator());
    assert.equal(forFacilitator.status, 200);
    assert.deepEqual(forFacilitator.json, { round: 0, kind: 'rating', counts: [{ answer: { rating: 2 }, count: 2 }], paper: [] });
    assert.equal((await control(code, { action: 'show_results' })).status, 200);
    assert.equal((await get(`${server.url}/api/sessions/${code}/results`)).status, 200);

    assert.equal((await control(code, { action: 'open', round: 1 })).status, 200);
    assert.equal((await answer(code, a, 1, { choices: ['groen', 'huizen'] })).status, 400, 'one choice only');
    assert.equal((await answer(code, a, 1, { choices: ['bomen'] })).status, 400);
    assert.equal((await answer(code, a, 1, { choices: ['huizen'] })).status, 201);
    assert.equal((await control(code, { action: 'end' })).status, 200);
    assert.equal((await control(code, { action: 'open', round: 0 })).status, 409, 'an ended session stays ended');
    const late = await post(`${server.url}/api/sessions/${code}/participants`, '', { contentType: null });
    assert.equal(late.status, 404, 'an ended session takes no one new');
    assert.equal((await answer(code, a, 1, { choices: ['groen'] })).status, 409, 'nor answers');
  });

  test('facilitator actions need the key; bad actions are refused', async () => {
    const { code } = await newSession();
    assert.equal((await post(`${server.url}/api/sessions/${code}/control`, { action: 'open', round: 0 })).status, 401);
    assert.equal((await control(code, { action: 'open', round: 5 })).status, 400);
    assert.equal((await control(code, { action: 'explode' })).status, 400);
    assert.equal((await control(code, { action: 'show_results' })).status, 409, 'nothing closed yet');
    assert.equal((await control(code, { action: 'open', round: 0, view: 'x'.repeat(5000) })).status, 400, 'not a view');
    const big = await post(`${server.url}/api/sessions/${code}/control`, { action: 'open', round: 0, view: 'x'.repeat(70000) },
      { headers: facilitator() });
    assert.equal(big.status, 413);
    const compressed = await post(`${server.url}/api/sessions/${code}/control`, { action: 'end' },
      { headers: { ...facilitator(), 'Content-Encoding': 'gzip' } });
    assert.equal(compressed.status, 415, 'the same body rules as the reactions API');
  });
});

describe('for the participation team', () => {
  test('every answer once, with the view it was given under; then the session is deleted', async () => {
    const { code } = await newSession();
    const [a, b] = [await join(code), await join(code)];
    assert.equal((await control(code, { action: 'open', round: 0, view: 'plans=pampus;phase=2050' })).status, 200);
    assert.equal((await answer(code, a, 0, { rating: 5 })).status, 201);
    assert.equal((await answer(code, a, 0, { rating: 1 })).status, 200, 'changed: kept once');
    assert.equal((await answer(code, b, 0, { rating: 3 })).status, 201);
    assert.equal((await control(code, { action: 'open', round: 1, view: 'plans=hart;phase=2040' })).status, 200);
    assert.equal((await answer(code, b, 1, { choices: ['groen'] })).status, 201);

    const url = `${server.url}/api/sessions/${code}`;
    assert.equal((await get(`${url}/export.json`)).status, 401);
    assert.equal((await get(`${url}/export.json`, facilitator())).status, 401, 'the facilitator key is not enough');
    assert.equal((await get(`${url}/export.json`, { Authorization: 'Bearer wrong-token-wrong-token' })).status, 403);
    const admin = { Authorization: `Bearer ${server.token}` };
    const exported = await get(`${url}/export.json`, admin);
    assert.equal(exported.status, 200);
    assert.equal(exported.headers.get('cache-control'), 'no-store');
    const rows = exported.json.answers.map(({ round, round_id: roundId, kind, answer: given, view }) =>
      ({ round, roundId, kind, given, view }));
    assert.deepEqual(rows.sort((x, y) => x.round - y.round || JSON.stringify(x.given).localeCompare(JSON.stringify(y.given))), [
      { round: 0, roundId: 'mening', kind: 'rating', given: { rating: 1 }, view: 'plans=pampus;phase=2050' },
      { round: 0, roundId: 'mening', kind: 'rating', given: { rating: 3 }, view: 'plans=pampus;phase=2050' },
      { round: 1, roundId: 'keuze', kind: 'choice', given: { choices: ['groen'] }, view: 'plans=hart;phase=2040' },
    ]);
    const csv = await get(`${url}/export.csv`, admin);
    assert.equal(csv.status, 200);
    assert.ok(csv.text.startsWith('round,round_id,kind,participant,answer,view,answered_at,count\r\n'), csv.text.slice(0, 80));
    assert.equal(csv.text.trim().split('\r\n').length, 4, 'a header and three answers');

    assert.equal((await fetch(url, { method: 'DELETE' })).status, 401);
    const deleted = await fetch(url, { method: 'DELETE', headers: admin });
    assert.equal(deleted.status, 200);
    assert.equal((await get(url)).status, 404, 'gone');
    assert.equal((await get(`${url}/export.json`, admin)).status, 404);
  });
});

describe('live state', () => {
  test('a waiting participant hears of the facilitator\'s change at once', async () => {
    const { code } = await newSession();
    const { version } = (await get(`${server.url}/api/sessions/${code}`)).json;
    const started = performance.now();
    const waiting = get(`${server.url}/api/sessions/${code}?since=${version}`);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await control(code, { action: 'open', round: 0, view: 'plans=hart;phase=2040' })).status, 200);
    const heard = await waiting;
    const ms = performance.now() - started - 300;
    assert.equal(heard.status, 200);
    assert.equal(heard.json.view, 'plans=hart;phase=2040');
    assert.ok(heard.json.version > version);
    assert.ok(ms < 500, `heard after ${ms.toFixed(0)} ms`);
  });
});

describe('a restart', () => {
  test('kill -9 in the middle of a round: the session and every acknowledged answer are still there', async () => {
    const own = await startServer({ args: ['--assets', assets] });
    const ownKey = fs.readFileSync(path.join(own.dataDir, 'facilitator-key'), 'utf8').trim();
    const headers = { 'X-Almere-Facilitator-Key': ownKey };
    const code = (await post(`${own.url}/api/sessions`, { agenda: 'test' }, { headers })).json.code;
    assert.equal((await post(`${own.url}/api/sessions/${code}/control`, { action: 'open', round: 0 }, { headers })).status, 200);
    const participants = [];
    for (let i = 0; i < 5; ++i) {
      const p = (await post(`${own.url}/api/sessions/${code}/participants`, '', { contentType: null })).json.participant;
      assert.equal((await post(`${own.url}/api/sessions/${code}/answers`, { participant: p, round: 0, answer: { rating: 1 + i } })).status, 201);
      participants.push(p);
    }
    await own.stop('SIGKILL');
    const again = await startServer({ dataDir: own.dataDir, args: ['--assets', assets] });
    try {
      const state = (await get(`${again.url}/api/sessions/${code}`)).json;
      assert.deepEqual({ state: state.state, round: state.round, participants: state.participants, answers: state.answers },
        { state: 'open', round: 0, participants: 5, answers: 5 });
      const changed = await post(`${again.url}/api/sessions/${code}/answers`, { participant: participants[0], round: 0, answer: { rating: 5 } });
      assert.equal(changed.status, 200, 'the round goes on');
    } finally {
      await again.stop();
    }
  });
});
