// Burgerberaad sessions (issue 9): answers are written with group commit. A room of 200
// answering at once is stored in a few transactions: the session's version, which steps once
// per transaction that changed it, grows by far less than 200; every answer is stored once and
// each participant hears of it.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { get } from './harness.mjs';
import { ROUND, openEvents, sessionServer } from './sessions_fixture.mjs';

let s;
before(async () => { s = await sessionServer(); });
after(async () => { await s?.server.stop('SIGKILL'); });

test('200 answers at once: every one stored, in a few transactions', async () => {
  const { code } = await s.newSession();
  const people = [];
  for (let i = 0; i < 200; ++i) people.push(await s.join(code));
  const opened = await s.control(code, { action: 'open', round: ROUND.rating });
  const events = await openEvents(s.api(code, '/events'));
  await events.next();
  // 200 connections first, then every request written in one go: a room answering at once.
  const { port } = new URL(s.server.url);
  const sockets = await Promise.all(people.map(() => new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  })));
  const replies = sockets.map((socket) => new Promise((resolve) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (d) => { text += d; });
    socket.on('end', () => resolve(text));
  }));
  sockets.forEach((socket, i) => {
    const body = JSON.stringify({ participant: people[i], round: ROUND.rating, answer: { rating: 1 + (i % 5) } });
    socket.end(`POST /api/sessions/${code}/answers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  const statuses = (await Promise.all(replies)).map((r) => r.split(' ')[1]);
  assert.deepEqual([...new Set(statuses)], ['201']);
  const state = await s.state(code);
  assert.equal(state.answers, 200);
  const commits = state.version - opened.json.version;
  assert.ok(commits >= 1 && commits <= 100, `200 answers took ${commits} transactions`);
  console.log(`# 200 answers in ${commits} transactions`);
  // The stream saw the last version, and no more events than transactions.
  while (events.events.at(-1).state.version < state.version) await events.next(1000);
  assert.ok(events.events.length - 1 <= commits);
  events.close();
  const tally = (await s.results(code)).counts.map((c) => c.count);
  assert.deepEqual(tally, [40, 40, 40, 40, 40]);
  // Changed answers in the same burst count once each.
  const again = await Promise.all(people.slice(0, 50).map((p) => s.answer(code, p, ROUND.rating, { rating: 5 })));
  assert.deepEqual([...new Set(again.map((r) => r.status))], [200]);
  assert.equal((await get(s.api(code))).json.answers, 200);
});
