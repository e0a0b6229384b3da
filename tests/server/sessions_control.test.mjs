// Burgerberaad sessions (issue 9): the facilitator's view and "follow me" (control "view"),
// views checked with core/session_view on every action, and paper ballots (control "paper")
// in the results and exports; all of it kept over a restart.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { get, post } from './harness.mjs';
import { ROUND, openEvents, sessionServer } from './sessions_fixture.mjs';

const VIEW = 'plans=pampus;phase=2050;camera=-4200,600,9000,0,55;wijk=WK003496';
let s;
before(async () => { s = await sessionServer(); });
after(async () => { await s?.server.stop('SIGKILL'); });

describe('control "view" and "follow"', () => {
  test('a new session follows; "view" changes the view and follow only, one version up', async () => {
    const session = await s.newSession();
    assert.equal(session.follow, true);
    assert.equal(session.view, '');
    const events = await openEvents(s.api(session.code, '/events'));
    await events.next();
    const res = await s.control(session.code, { action: 'view', view: VIEW });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.view, VIEW);
    assert.equal(res.json.state, 'lobby');
    assert.equal(res.json.round, -1);
    assert.equal(res.json.version, session.version + 1);
    const heard = await events.next(1000);
    assert.equal(heard.state.view, VIEW);
    assert.equal(heard.state.follow, true);

    const off = await s.control(session.code, { action: 'view', follow: false });
    assert.equal(off.status, 200);
    assert.equal(off.json.follow, false);
    assert.equal(off.json.view, VIEW, 'follow alone keeps the view');
    assert.equal((await events.next(1000)).state.follow, false);
    const both = await s.control(session.code, { action: 'view', view: 'plans=hart;phase=2040', follow: true });
    assert.deepEqual([both.json.view, both.json.follow], ['plans=hart;phase=2040', true]);
    const empty = await s.control(session.code, { action: 'view', view: '' });
    assert.equal(empty.status, 200, 'an empty view: everything off, today');
    events.close();
  });

  test('views that core/session_view does not understand are refused, on every action', async () => {
    const session = await s.newSession();
    for (const view of ['camera=1,2', 'wijk=WK999999', 'plans=<script>', 'camera=1,2,3,4,5;camera=1,2,3,4,5',
      'x'.repeat(401), 42, null]) {
      const res = await s.control(session.code, { action: 'view', view });
      assert.equal(res.status, 400, `${JSON.stringify(view)}: ${res.text}`);
      assert.match(res.json.error, /^view: /);
    }
    assert.equal((await s.control(session.code, { action: 'view' })).status, 400, 'nothing to change');
    assert.equal((await s.control(session.code, { action: 'view', follow: 'yes' })).status, 400);
    const open = await s.control(session.code, { action: 'open', round: 0, view: 'camera=nope' });
    assert.equal(open.status, 400);
    const state = await s.state(session.code);
    assert.equal(state.state, 'lobby', 'a refused action changes nothing');
    assert.equal(state.version, session.version);
    const good = await s.control(session.code, { action: 'open', round: 0, view: VIEW, follow: false });
    assert.equal(good.status, 200);
    assert.deepEqual([good.json.state, good.json.view, good.json.follow], ['open', VIEW, false]);
    assert.equal((await post(s.api(session.code, '/control'), { action: 'view', view: VIEW })).status, 401);
  });
});

describe('control "paper"', () => {
  test('paper ballots are checked, counted beside the online answers and replace earlier ones', async () => {
    const session = await s.newSession();
    const code = session.code;
    await s.control(code, { action: 'open', round: ROUND.choice });
    const p = await s.join(code);
    assert.equal((await s.answer(code, p, ROUND.choice, { choices: ['groen'] })).status, 201);
    const paper = await s.control(code, { action: 'paper', round: ROUND.choice, counts: [
      { answer: { choices: ['groen'] }, count: 12 }, { answer: { choices: ['huizen'] }, count: 3 }] });
    assert.equal(paper.status, 200, paper.text);
    let results = await s.results(code);
    assert.deepEqual(results.counts, [{ answer: { choices: ['groen'] }, count: 1 }]);
    assert.deepEqual(results.paper, [{ answer: { choices: ['groen'] }, count: 12 }, { answer: { choices: ['huizen'] }, count: 3 }]);
    const again = await s.control(code, { action: 'paper', round: ROUND.choice, counts: [{ answer: { choices: ['huizen'] }, count: 5 }] });
    assert.equal(again.status, 200);
    results = await s.results(code);
    assert.deepEqual(results.paper, [{ answer: { choices: ['huizen'] }, count: 5 }], 'replaced, not added');

    for (const [counts, why] of [
      [[{ answer: { choices: ['bomen'] }, count: 1 }], 'unknown option'],
      [[{ answer: { rating: 3 }, count: 1 }], 'another kind'],
      [[{ answer: { choices: ['groen'] }, count: 10001 }], 'too many'],
      [[{ answer: { choices: ['groen'] }, count: -1 }], 'negative'],
      [[{ answer: { choices: ['groen'] }, count: 1.5 }], 'not whole'],
      [[{ answer: { choices: ['groen'] } }], 'no count'],
      [[{ answer: { choices: ['groen'] }, count: 1, name: 'x' }], 'extra field'],
      [{}, 'not a list'],
    ]) {
      const res = await s.control(code, { action: 'paper', round: ROUND.choice, counts });
      assert.equal(res.status, 400, `${why}: ${res.text}`);
    }
    assert.equal((await s.control(code, { action: 'paper', round: 9, counts: [] })).status, 400);
    assert.equal((await post(s.api(code, '/control'), { action: 'paper', round: 1, counts: [] })).status, 401);
    assert.deepEqual((await s.results(code)).paper, [{ answer: { choices: ['huizen'] }, count: 5 }], 'refusals change nothing');

    // Paper for another round, after the evening ended; read back per round.
    assert.equal((await s.control(code, { action: 'end' })).status, 200);
    const late = await s.control(code, { action: 'paper', round: ROUND.rating, counts: [
      { answer: { rating: 4 }, count: 10000 }, { answer: { rating: 2 }, count: 0 }] });
    assert.equal(late.status, 200, late.text);
    const rating = await get(s.api(code, `/results?round=${ROUND.rating}`), s.facilitator);
    assert.deepEqual(rating.json.paper, [{ answer: { rating: 4 }, count: 10000 }], 'a count of 0 is no row');
    assert.equal((await get(s.api(code, '/results?round=0'))).status, 403, 'other rounds: facilitator only');

    // Exports mark them: JSON per round, CSV rows with participant "paper" and a count.
    const exported = await get(s.api(code, '/export.json'), s.admin);
    assert.equal(exported.status, 200);
    assert.deepEqual(exported.json.rounds.map((r) => [r.round_id, r.paper]), [
      ['mening', [{ answer: { rating: 4 }, count: 10000 }]],
      ['keuze', [{ answer: { choices: ['huizen'] }, count: 5 }]],
      ['stellingen', []], ['plek', []], ['reactie', []]]);
    assert.equal(exported.json.answers.length, 1, 'paper is not among the online answers');
    const csv = (await get(s.api(code, '/export.csv'), s.admin)).text.trim().split('\r\n');
    assert.equal(csv[0], 'round,round_id,kind,participant,answer,view,answered_at,count');
    assert.match(csv[1], new RegExp(`^1,"keuze","choice","${p}",.*,1$`));
    assert.equal(csv[2], '0,"mening","rating","paper","{""rating"":4}","",,10000');
    assert.equal(csv[3], '1,"keuze","choice","paper","{""choices"":[""huizen""]}","",,5');
    assert.equal(csv.length, 4);
  });
});

describe('restart', () => {
  test('follow, view and paper counts survive a restart', async () => {
    const first = await sessionServer();
    const session = await first.newSession();
    await first.control(session.code, { action: 'view', view: VIEW, follow: false });
    await first.control(session.code, { action: 'paper', round: ROUND.rating, counts: [{ answer: { rating: 5 }, count: 7 }] });
    await first.control(session.code, { action: 'open', round: ROUND.rating });
    const participant = await first.join(session.code);
    await first.server.stop('SIGKILL');
    const second = await sessionServer({ dataDir: first.server.dataDir });
    try {
      // The first request after the start is an answer: the session is read from the store.
      const answered = await second.answer(session.code, participant, ROUND.rating, { rating: 3 });
      assert.equal(answered.status, 201, answered.text);
      assert.equal((await second.answer(session.code, participant, ROUND.rating, { rating: 4 })).status, 200);
      const state = await second.state(session.code);
      assert.equal(state.answers, 1);
      assert.deepEqual([state.view, state.follow], [VIEW, false]);
      const results = await get(second.api(session.code, '/results?round=0'), second.facilitator);
      assert.deepEqual(results.json.paper, [{ answer: { rating: 5 }, count: 7 }]);
    } finally {
      await second.server.stop('SIGKILL');
    }
  });
});
