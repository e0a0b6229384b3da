// Crash test for Burgerberaad sessions (issue 9): a round is open, 30 participants answer again
// and again (each answer replaces their last one), half of them following the session by its
// event stream and half by the long poll, written as a real client is: on any failure they try
// again with a backoff of 100 ms doubling to 1 s. In the middle of the answering the server is
// killed (SIGKILL, no graceful stop) and restarted on the same port and data folder. Then:
//  - every participant's stored answer is the last one the server acknowledged (201/200) to
//    them, or one sent after it whose acknowledgement the crash swallowed: none lost;
//  - each participant has exactly one row in the round: none doubled;
//  - the session is still open on the same round, at the version clients saw or later;
//  - all 30 clients reconnect by themselves and see the facilitator's next change within 2 s;
//  - answers after the restart are stored, and closing the round works and reaches everyone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventStream, get, post } from './harness.mjs';
import { ROUND, sessionServer } from './sessions_fixture.mjs';

const PARTICIPANTS = 30;
const KILL_AFTER = 240; // acknowledged answers before the kill (about 8 per participant)

const backoff = (attempt) => Math.min(100 * 2 ** attempt, 1000);

// A client that follows a session as a participant's app does. `base()` is the server's URL,
// read on each try (the same port after the restart). Keeps `latest` (the newest state) and
// `seen` (every state, with the time it arrived); `waitFor(pred, ms)` resolves to the first
// state at or after now that matches.
function follower(base, code, mode) {
  const client = { mode, latest: null, seen: [], reconnects: 0, stopped: false, waiters: [] };
  let controller = null;
  const deliver = (state) => {
    if (client.latest && state.version < client.latest.version) return;
    client.latest = state;
    client.seen.push({ state, at: performance.now() });
    client.waiters = client.waiters.filter((w) => {
      if (!w.pred(state)) return true;
      w.resolve(state);
      return false;
    });
  };
  client.waitFor = (pred, ms) => new Promise((resolve, reject) => {
    if (client.latest && pred(client.latest)) return resolve(client.latest);
    const timer = setTimeout(() => reject(new Error(`${mode} client: no such state within ${ms} ms `
      + `(latest version ${client.latest?.version}, ${client.reconnects} reconnects)`)), ms);
    client.waiters.push({ pred, resolve: (s) => { clearTimeout(timer); resolve(s); } });
  });

  async function sse() {
    let attempt = 0;
    while (!client.stopped) {
      controller = new AbortController();
      try {
        const res = await fetch(`${base()}/api/sessions/${code}/events`,
          { signal: controller.signal, headers: { Accept: 'text/event-stream' } });
        if (res.status !== 200) throw new Error(`events: HTTP ${res.status}`);
        attempt = 0;
        for await (const event of eventStream(res.body))
          if (event.data) deliver(JSON.parse(event.data));
      } catch { /* refused, reset or aborted: try again below */ }
      if (client.stopped) return;
      client.reconnects++;
      await sleep(backoff(attempt++));
    }
  }

  async function longPoll() {
    let attempt = 0;
    while (!client.stopped) {
      controller = new AbortController();
      const since = client.latest ? `?since=${client.latest.version}` : '';
      try {
        const res = await fetch(`${base()}/api/sessions/${code}${since}`, { signal: controller.signal });
        if (res.status !== 200) throw new Error(`poll: HTTP ${res.status}`);
        deliver(await res.json());
        attempt = 0;
        continue;
      } catch { /* refused, reset or aborted */ }
      if (client.stopped) return;
      client.reconnects++;
      await sleep(backoff(attempt++));
    }
  }

  client.done = mode === 'sse' ? sse() : longPoll();
  client.stop = () => { client.stopped = true; controller?.abort(); return client.done; };
  return client;
}

// Answers the comment round again and again until the server is gone. Records what was sent
// (in order) and the index of the last acknowledged answer.
async function answerer(base, code, participant, log, counter) {
  for (let n = 0; ; n++) {
    const comment = `${participant.slice(0, 8)} antwoord ${n}`;
    log.sent.push(comment);
    let res;
    try {
      res = await post(`${base()}/api/sessions/${code}/answers`,
        { participant, round: ROUND.comment, answer: { comment } });
    } catch {
      return; // the server is gone
    }
    if (res.status === 201 || res.status === 200) {
      log.acked = n;
      counter.acked++;
    } else if (res.status !== 503) {
      throw new Error(`answer: unexpected ${res.status}: ${res.text}`);
    }
  }
}

test('kill -9 while 30 participants answer: nothing acknowledged is lost or doubled, clients reconnect, the round goes on', async (t) => {
  const s = await sessionServer();
  const port = new URL(s.server.url).port;
  let current = s; // the server now running
  const base = () => current.server.url;
  const clients = [];
  t.after(async () => {
    await Promise.all(clients.map((c) => c.stop()));
    await current.server.stop('SIGKILL');
  });

  const session = await s.newSession();
  const code = session.code;
  assert.equal((await s.control(code, { action: 'open', round: ROUND.comment })).status, 200);
  const participants = [];
  for (let i = 0; i < PARTICIPANTS; i++) participants.push(await s.join(code));
  for (let i = 0; i < PARTICIPANTS; i++) clients.push(follower(base, code, i % 2 ? 'poll' : 'sse'));
  await Promise.all(clients.map((c) => c.waitFor((st) => st.participants === PARTICIPANTS, 3000)));

  // Answering, and the kill in the middle of it.
  const logs = participants.map(() => ({ sent: [], acked: -1 }));
  const counter = { acked: 0 };
  const answering = participants.map((p, i) => answerer(base, code, p, logs[i], counter));
  while (counter.acked < KILL_AFTER) await sleep(2);
  const exit = await s.server.stop('SIGKILL');
  assert.equal(exit, 'SIGKILL');
  await Promise.all(answering);
  const seenBefore = Math.max(...clients.map((c) => c.latest.version));
  const acknowledged = logs.filter((l) => l.acked >= 0).length;
  t.diagnostic(`killed after ${counter.acked} acknowledged answers (${acknowledged} participants); `
    + `clients had seen version ${seenBefore}`);
  assert.ok(acknowledged >= PARTICIPANTS / 2, 'the kill came in the middle of the answering');

  // Restart on the same port and data folder; the clients find it by themselves.
  await sleep(300); // the clients notice and back off
  current = await sessionServer({ dataDir: s.server.dataDir, args: ['--port', port] });
  const restartedAt = performance.now();
  assert.equal(current.server.url, s.server.url, 'the same port');

  const after = await current.state(code);
  assert.equal(after.state, 'open');
  assert.equal(after.round, ROUND.comment);
  assert.ok(after.version >= seenBefore, `version ${after.version} after the restart, ${seenBefore} seen before`);

  // Every acknowledged answer is stored exactly once: the last acknowledged one per participant,
  // or one sent after it (stored, but its acknowledgement lost in the kill).
  const exported = await get(current.api(code, '/export.json'), current.admin);
  assert.equal(exported.status, 200, exported.text);
  const rows = exported.json.answers.filter((a) => a.round === ROUND.comment);
  assert.equal(rows.length, exported.json.answers.length, 'answers in the open round only');
  const byParticipant = new Map();
  for (const row of rows) {
    assert.ok(!byParticipant.has(row.participant), `two rows for participant ${row.participant}`);
    byParticipant.set(row.participant, row);
  }
  participants.forEach((p, i) => {
    const log = logs[i];
    if (log.acked < 0) return; // nothing acknowledged; whatever was sent may or may not be there
    const row = byParticipant.get(p);
    assert.ok(row, `participant ${i}: acknowledged answer ${log.acked} lost`);
    const answer = typeof row.answer === 'string' ? JSON.parse(row.answer) : row.answer;
    const stored = log.sent.indexOf(answer.comment);
    assert.ok(stored >= log.acked,
      `participant ${i}: stored answer #${stored}, but #${log.acked} was acknowledged`);
  });
  for (const participant of byParticipant.keys()) {
    assert.ok(participants.includes(participant), 'nothing stored that was not sent');
  }
  assert.equal(after.answers, rows.length, 'the state counts the stored answers');

  // The facilitator's next change reaches every client within 2 s, without help.
  const view = 'plans=hart;phase=2050';
  const sent = performance.now();
  const changed = await current.control(code, { action: 'view', view });
  assert.equal(changed.status, 200, changed.text);
  await Promise.all(clients.map((c) => c.waitFor((st) => st.version >= changed.json.version
    && st.view === view, 2000)));
  const slowest = Math.max(...clients.map((c) => c.seen.find((x) => x.state.view === view).at)) - sent;
  t.diagnostic(`change seen by all ${PARTICIPANTS} clients ${Math.round(slowest)} ms after it was made, `
    + `${Math.round(sent - restartedAt)} ms after the restart; reconnects: `
    + `sse ${clients.filter((c) => c.mode === 'sse').reduce((n, c) => n + c.reconnects, 0)}, `
    + `poll ${clients.filter((c) => c.mode === 'poll').reduce((n, c) => n + c.reconnects, 0)}`);

  // The round goes on: every participant answers again (replacing or storing), then it closes.
  const finals = await Promise.all(participants.map(async (p, i) => {
    const comment = `na de herstart ${i}`;
    const res = await current.answer(code, p, ROUND.comment, { comment });
    assert.ok(res.status === 200 || res.status === 201, `${res.status} ${res.text}`);
    assert.equal(res.status, byParticipant.has(p) ? 200 : 201, 'replaced when stored before');
    return comment;
  }));
  const closed = await current.control(code, { action: 'close' });
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.json.state, 'closed');
  assert.equal(closed.json.answers, PARTICIPANTS);
  await Promise.all(clients.map((c) => c.waitFor((st) => st.state === 'closed', 2000)));
  const late = await current.answer(code, participants[0], ROUND.comment, { comment: 'te laat' });
  assert.equal(late.status, 409, 'a closed round takes no answers');

  const final = await get(current.api(code, '/export.json'), current.admin);
  const stored = new Map(final.json.answers.map((a) =>
    [a.participant, (typeof a.answer === 'string' ? JSON.parse(a.answer) : a.answer).comment]));
  assert.equal(final.json.answers.length, PARTICIPANTS);
  participants.forEach((p, i) => assert.equal(stored.get(p), finals[i]));
});
