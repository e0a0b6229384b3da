// Crash tests (issue 4): a reaction the server acknowledged (201 stored, 200 duplicate) is never
// lost. Several clients stream posts; the server is killed mid-stream (kill -9, or SIGTERM for
// a clean stop), restarted on the same data folder, and every acknowledged id must be there,
// exactly once, in a database that passes PRAGMA integrity_check.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { get, post, reaction, startServer } from './harness.mjs';

const CLIENTS = 8;

// Posts fresh reactions (and now and then resends an acknowledged one) until a post fails.
async function client(url, acknowledged, sent) {
  const mine = [];
  for (;;) {
    const resend = mine.length > 0 && Math.random() < 0.1;
    const body = resend ? mine[Math.floor(Math.random() * mine.length)] : reaction();
    sent.add(body.id);
    let res;
    try {
      res = await post(`${url}/api/reactions`, body);
    } catch {
      return; // the server is gone
    }
    if (res.status === 201 || res.status === 200) {
      acknowledged.add(body.id);
      mine.push(body);
    } else if (res.status !== 503) {
      throw new Error(`unexpected ${res.status}: ${res.text}`);
    }
  }
}

function integrityCheck(dataDir) {
  return execFileSync('sqlite3', [path.join(dataDir, 'reactions.sqlite'), 'PRAGMA integrity_check'],
    { encoding: 'utf8' }).trim();
}

async function killMidStream(signal) {
  const server = await startServer({ args: ['--rate-limit', '0'] });
  const acknowledged = new Set();
  const sent = new Set();
  const clients = Array.from({ length: CLIENTS }, () => client(server.url, acknowledged, sent));
  while (acknowledged.size < 300) await sleep(5);
  const exit = await server.stop(signal);
  await Promise.all(clients);
  return { server, acknowledged, sent, exit };
}

async function checkAfterRestart({ server, acknowledged, sent }) {
  assert.equal(integrityCheck(server.dataDir), 'ok');
  const again = await startServer({ dataDir: server.dataDir });
  try {
    const res = await get(`${again.url}/api/admin/export.json`, { Authorization: `Bearer ${again.token}` });
    assert.equal(res.status, 200);
    const ids = res.json.reactions.map((r) => r.id);
    const stored = new Set(ids);
    assert.equal(stored.size, ids.length, 'no reaction is stored twice');
    const lost = [...acknowledged].filter((id) => !stored.has(id));
    assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.size} acknowledged reactions lost`);
    assert.ok([...stored].every((id) => sent.has(id)), 'nothing stored that was not sent');
    // Resending an acknowledged reaction after the restart is a duplicate, not a second row.
    const [first] = res.json.reactions;
    const { received_at: _r, moderation: _m, clock_suspect: _c, ...body } = first;
    const resent = await post(`${again.url}/api/reactions`, body);
    assert.equal(resent.status, 200, resent.text);
  } finally {
    assert.equal(await again.stop(), 0);
  }
  assert.equal(integrityCheck(server.dataDir), 'ok');
}

test('kill -9 during a stream of posts loses no acknowledged reaction', async () => {
  const run = await killMidStream('SIGKILL');
  assert.equal(run.exit, 'SIGKILL');
  await checkAfterRestart(run);
});

test('SIGTERM during a stream of posts: exit 0, in-flight reactions committed', async () => {
  const run = await killMidStream('SIGTERM');
  assert.equal(run.exit, 0, run.server.output());
  await checkAfterRestart(run);
});
