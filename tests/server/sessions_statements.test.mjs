// Burgerberaad sessions (issue 9): participants propose statements for a statements round; the
// facilitator approves or rejects them. Nothing is shown or votable before approval, rejected
// ones never; text rules, the per-participant cap and a restart are checked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { get, post } from './harness.mjs';
import { ROUND, sessionServer } from './sessions_fixture.mjs';

let s;
before(async () => { s = await sessionServer(); });
after(async () => { await s?.server.stop('SIGKILL'); });

const propose = (code, participant, text, round = ROUND.statements) =>
  post(s.api(code, '/statements'), { participant, round, text });
const listed = async (code) => (await get(s.api(code, '/statements'), s.facilitator)).json.statements;

async function openStatementsRound() {
  const { code } = await s.newSession();
  assert.equal((await s.control(code, { action: 'open', round: ROUND.statements })).status, 200);
  return { code, a: await s.join(code), b: await s.join(code) };
}

describe('proposals and moderation', () => {
  test('pending proposals are hidden and not votable; approved ones are; rejected ones never', async () => {
    const { code, a, b } = await openStatementsRound();
    const first = await propose(code, a, '  Meer bomen in de Stadswerf  ');
    assert.equal(first.status, 201, first.text);
    assert.deepEqual(first.json, { id: 'p1', status: 'pending' });
    const second = await propose(code, b, 'Een zwembad in Poort');
    assert.deepEqual(second.json, { id: 'p2', status: 'pending' });

    let state = await s.state(code);
    assert.deepEqual(state.statements, []);
    assert.equal(state.pending_statements, 2);
    assert.equal((await s.answer(code, a, ROUND.statements, { votes: { p1: 'agree' } })).status, 400, 'not votable yet');

    const approved = await s.control(code, { action: 'approve_statement', statement: 'p1' });
    assert.equal(approved.status, 200, approved.text);
    assert.deepEqual(approved.json.statements, [{ id: 'p1', text: 'Meer bomen in de Stadswerf' }], 'trimmed');
    assert.equal(approved.json.pending_statements, 1);
    assert.equal((await s.control(code, { action: 'reject_statement', statement: 'p2' })).status, 200);
    state = await s.state(code);
    assert.deepEqual(state.statements, [{ id: 'p1', text: 'Meer bomen in de Stadswerf' }]);
    assert.equal(state.pending_statements, 0);

    assert.equal((await s.answer(code, a, ROUND.statements, { votes: { p1: 'agree', s1: 'disagree' } })).status, 201);
    assert.equal((await s.answer(code, b, ROUND.statements, { votes: { p2: 'agree' } })).status, 400, 'rejected');
    assert.equal((await s.answer(code, b, ROUND.statements, { votes: { p1: 'pass' } })).status, 201);
    const results = await s.results(code);
    assert.deepEqual(results.counts.map((c) => [c.answer, c.count]), [
      [{ votes: { p1: 'agree', s1: 'disagree' } }, 1], [{ votes: { p1: 'pass' } }, 1]]);

    assert.deepEqual(await listed(code), [
      { id: 'p1', round: ROUND.statements, text: 'Meer bomen in de Stadswerf', status: 'approved' },
      { id: 'p2', round: ROUND.statements, text: 'Een zwembad in Poort', status: 'rejected' }]);
    assert.equal((await get(s.api(code, '/statements'))).status, 401, 'the list is the facilitator\'s');
    assert.equal((await s.control(code, { action: 'approve_statement', statement: 'p9' })).status, 404);
    assert.equal((await s.control(code, { action: 'approve_statement', statement: 'x1' })).status, 404);
    assert.equal((await s.control(code, { action: 'approve_statement' })).status, 400);
    assert.equal((await post(s.api(code, '/control'), { action: 'approve_statement', statement: 'p1' })).status, 401);

    // The next round shows none of them.
    await s.control(code, { action: 'open', round: ROUND.place });
    state = await s.state(code);
    assert.deepEqual([state.statements, state.pending_statements], [[], 0]);
  });

  test('text rules: 1..200 characters after trimming, strict UTF-8, no control characters', async () => {
    const { code, a } = await openStatementsRound();
    const exactly200 = 'é'.repeat(200);
    assert.equal((await propose(code, a, ` ${exactly200}\n`)).status, 201, '200 characters (400 bytes)');
    for (const [text, why] of [['', 'empty'], ['   \t ', 'only blanks'], ['a'.repeat(201), '201 characters'],
      ['regel\neen', 'a line break inside'], ['bel\u0007', 'a control character'], ['\u0085x', 'a C1 control'],
      [42, 'not text']]) {
      const res = await propose(code, a, text);
      assert.equal(res.status, 400, `${why}: ${res.text}`);
    }
    const badUtf8 = Buffer.concat([Buffer.from(`{"participant":"${a}","round":${ROUND.statements},"text":"ab`),
      Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    assert.equal((await post(s.api(code, '/statements'), badUtf8)).status, 400, 'invalid UTF-8');
    const huge = await propose(code, a, 'x'.repeat(5000));
    assert.equal(huge.status, 413, 'a body over 4 KiB');
    const list = await listed(code);
    assert.equal(list.length, 1);
    assert.equal(list[0].text, exactly200);
  });

  test('unknown participants 403; a closed or other round 409; at most 5 pending each (429)', async () => {
    const { code, a, b } = await openStatementsRound();
    assert.equal((await propose(code, crypto.randomUUID(), 'Hallo')).status, 403);
    assert.equal((await propose(code, a, 'Hallo', ROUND.rating)).status, 409, 'not a statements round');
    assert.equal((await propose(code, a, 'Hallo', 99)).status, 400);
    for (let i = 1; i <= 5; ++i) assert.equal((await propose(code, a, `Stelling ${i}`)).status, 201);
    const sixth = await propose(code, a, 'Stelling 6');
    assert.equal(sixth.status, 429);
    assert.equal((await propose(code, b, 'Van een ander')).status, 201, 'the cap is per participant');
    await s.control(code, { action: 'approve_statement', statement: 'p1' });
    assert.equal((await propose(code, a, 'Stelling 6')).status, 201, 'an approved one no longer waits');
    assert.equal((await s.state(code)).pending_statements, 6);
    await s.control(code, { action: 'close' });
    assert.equal((await propose(code, b, 'Te laat')).status, 409, 'the round is closed');
  });

  test('proposals and their status survive a restart', async () => {
    const first = await sessionServer();
    const { code } = await first.newSession();
    await first.control(code, { action: 'open', round: ROUND.statements });
    const a = await first.join(code);
    await post(first.api(code, '/statements'), { participant: a, round: ROUND.statements, text: 'Blijft bewaard' });
    await post(first.api(code, '/statements'), { participant: a, round: ROUND.statements, text: 'Wacht nog' });
    await first.control(code, { action: 'approve_statement', statement: 'p1' });
    await first.server.stop('SIGKILL');
    const second = await sessionServer({ dataDir: first.server.dataDir });
    try {
      const state = await second.state(code);
      assert.deepEqual(state.statements, [{ id: 'p1', text: 'Blijft bewaard' }]);
      assert.equal(state.pending_statements, 1);
      assert.equal((await second.answer(code, a, ROUND.statements, { votes: { p1: 'agree' } })).status, 201);
      const next = await post(second.api(code, '/statements'), { participant: a, round: ROUND.statements, text: 'Nog een' });
      assert.deepEqual(next.json, { id: 'p3', status: 'pending' });
    } finally {
      await second.server.stop('SIGKILL');
    }
  });
});
