// Burgerberaad sessions (issue 9): the live state as Server-Sent Events on 127.0.0.1. The first
// event comes at once, then one per version; a change reaches an open stream within 500 ms;
// streams end when the server stops or the session is deleted; a cap answers 503; open streams
// do not slow the reactions API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { get, post, reaction, startServer } from './harness.mjs';
import { openEvents, sessionServer } from './sessions_fixture.mjs';

let s;
before(async () => { s = await sessionServer(); });
after(async () => { await s?.server.stop('SIGKILL'); });

describe('GET /api/sessions/CODE/events', () => {
  test('headers for an event stream, and the state at once', async () => {
    const session = await s.newSession();
    const started = performance.now();
    const events = await openEvents(s.api(session.code, '/events'));
    assert.equal(events.status, 200);
    assert.match(events.headers.get('content-type'), /^text\/event-stream/);
    assert.equal(events.headers.get('cache-control'), 'no-store');
    assert.equal(events.headers.get('x-accel-buffering'), 'no');
    const first = await events.next(1000);
    assert.ok(first.at - started < 500, `first event after ${first.at - started} ms`);
    assert.equal(first.event, 'state');
    assert.equal(first.id, String(session.version));
    assert.equal(first.state.code, session.code);
    assert.equal(first.state.version, session.version);
    assert.equal(first.state.state, 'lobby');
    events.close();
  });

  test('a change arrives within 500 ms, and a stream survives three changes in order', async () => {
    const session = await s.newSession();
    const events = await openEvents(s.api(session.code, '/events'));
    await events.next();
    const sent = performance.now();
    const opened = await s.control(session.code, { action: 'open', round: 0 });
    assert.equal(opened.status, 200);
    const change = await events.next(1000);
    assert.ok(change.at - sent < 500, `change after ${change.at - sent} ms`);
    assert.equal(change.state.state, 'open');
    assert.equal(change.state.version, opened.json.version);
    assert.equal(change.id, String(opened.json.version));

    const participant = await s.join(session.code);
    const joined = await events.next();
    assert.equal(joined.state.participants, 1);
    assert.equal((await s.answer(session.code, participant, 0, { rating: 4 })).status, 201);
    const answered = await events.next();
    assert.equal(answered.state.answers, 1);
    assert.equal((await s.control(session.code, { action: 'close' })).status, 200);
    const closed = await events.next();
    assert.equal(closed.state.state, 'closed');
    const versions = events.events.map((e) => e.state.version);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
    assert.equal(new Set(versions).size, versions.length, 'one event per version');
    // Reading the state does not repeat an event.
    await get(s.api(session.code));
    await assert.rejects(events.next(300));
    events.close();
  });

  test('unknown sessions are 404; deleting a session ends its streams', async () => {
    const missing = await get(s.api('AAAAAA', '/events'));
    assert.equal(missing.status, 404);
    const session = await s.newSession();
    const events = await openEvents(s.api(session.code, '/events'));
    await events.next();
    const deleted = await fetch(s.api(session.code), { method: 'DELETE', headers: s.admin });
    assert.equal(deleted.status, 200);
    assert.equal(await Promise.race([events.closed, new Promise((r) => setTimeout(() => r('open'), 2000))]), 'ended');
  });

  test('50 open streams do not slow a POST /api/reactions', async () => {
    const session = await s.newSession();
    const streams = await Promise.all(Array.from({ length: 50 }, () => openEvents(s.api(session.code, '/events'))));
    await Promise.all(streams.map((e) => e.next()));
    for (let i = 0; i < 5; ++i) {
      const started = performance.now();
      const res = await post(`${s.server.url}/api/reactions`, reaction(), { headers: { 'X-Almere-Installation': `sse-${i}` } });
      const took = performance.now() - started;
      assert.equal(res.status, 201, res.text);
      assert.ok(took < 500, `POST /api/reactions took ${took} ms beside 50 streams`);
    }
    // ... and every stream still gets the next change.
    await s.control(session.code, { action: 'open', round: 1 });
    const changes = await Promise.all(streams.map((e) => e.next(1000)));
    for (const c of changes) assert.equal(c.state.round, 1);
    for (const e of streams) e.close();
  });
});

describe('keeping a quiet stream open', () => {
  test('a ": ping" comment every 15 s', async () => {
    const session = await s.newSession();
    const events = await openEvents(s.api(session.code, '/events'));
    await events.next();
    await new Promise((r) => setTimeout(r, 16000));
    assert.ok(events.comments.includes(': ping'), JSON.stringify(events.comments));
    assert.ok(events.comments.length <= 2);
    events.close();
  });
});

describe('limits and stopping', () => {
  test('more streams than --max-streams get 503; a stream whose client left frees its place', async () => {
    const small = await sessionServer({ args: ['--max-streams', '3'] });
    try {
      const session = await small.newSession();
      const url = small.api(session.code, '/events');
      const three = await Promise.all([1, 2, 3].map(() => openEvents(url)));
      await Promise.all(three.map((e) => e.next()));
      const fourth = await get(url);
      assert.equal(fourth.status, 503);
      three[0].close();
      let again;
      for (let i = 0; i < 20; ++i) { // the server notices the closed connection
        await new Promise((r) => setTimeout(r, 50));
        again = await openEvents(url);
        if (again.status === 200) break;
      }
      assert.equal(again.status, 200);
      assert.equal((await again.next()).state.code, session.code);
      again.close();
      for (const e of three) e.close();
      // The long poll still works beside the streams (the fallback).
      const poll = await get(small.api(session.code, `?since=${session.version - 1}`));
      assert.equal(poll.status, 200);
    } finally {
      await small.server.stop('SIGKILL');
    }
  });

  test('stopping the server ends open streams cleanly', async () => {
    const own = await sessionServer();
    const session = await own.newSession();
    const streams = await Promise.all([1, 2, 3].map(() => openEvents(own.api(session.code, '/events'))));
    await Promise.all(streams.map((e) => e.next()));
    const started = performance.now();
    const code = await own.server.stop('SIGTERM');
    assert.equal(code, 0, own.server.output());
    for (const e of streams) {
      assert.equal(await e.closed, 'ended');
      assert.equal(e.clean, true, 'the stream ends with its last chunk, not a broken connection');
    }
    assert.ok(performance.now() - started < 2500, 'streams end before the stop grace runs out');
  });
});
