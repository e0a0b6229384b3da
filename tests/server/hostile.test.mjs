// Slow, idle and hostile clients (issue 8) on 127.0.0.1: hundreds of connections trickling
// their headers or idling must not keep residents' reactions out; oversized heads, endless
// bodies and ambiguous framing are refused at once; the server stops promptly on SIGTERM.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { get, post, reaction, startServer, tempDataDir } from './harness.mjs';

let server;
let port;
before(async () => {
  server = await startServer();
  port = Number(new URL(server.url).port);
});
after(async () => { await server?.stop('SIGKILL'); });

function connect() {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.on('error', reject);
  });
}

// Writes `bytes` on a fresh connection and collects what comes back until the server closes
// or `responses` status lines have arrived.
async function exchange(bytes, { responses = 1, timeoutMs = 5000 } = {}) {
  const socket = await connect();
  socket.on('error', () => {});
  let text = '';
  const done = new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), timeoutMs);
    const finish = (why) => { clearTimeout(timer); resolve(why); };
    socket.on('data', (d) => {
      text += d.toString('latin1');
      if ((text.match(/HTTP\/1\.1 \d{3} /g) || []).length >= responses && responses > 1) finish('answered');
    });
    socket.on('close', () => finish('closed'));
  });
  socket.write(bytes);
  const why = await done;
  socket.destroy();
  return { text, why, statuses: (text.match(/HTTP\/1\.1 \d{3} /g) || []).map((l) => Number(l.slice(9, 12))) };
}

function rssMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

async function timed(promise) {
  const start = performance.now();
  const result = await promise;
  return { result, ms: performance.now() - start };
}

describe('slow and idle clients', () => {
  test('300 connections trickling headers and 1,000 idle ones: GET and POST still answer within 1 s', async () => {
    const sockets = [];
    try {
      for (let i = 0; i < 1000; ++i) sockets.push(await connect()); // idle: never send a byte
      const tricklers = [];
      for (let i = 0; i < 300; ++i) {
        const s = await connect();
        s.on('error', () => {});
        s.write('POST /api/reactions HTTP/1.1\r\nHost: x\r\n');
        tricklers.push(s);
      }
      sockets.push(...tricklers);
      const trickle = setInterval(() => {
        for (const s of tricklers) if (!s.destroyed) s.write(`X-Slow-${Math.random().toString(36).slice(2, 6)}: 1\r\n`);
      }, 500);
      try {
        await sleep(1500); // the slow clients are well into their heads
        for (let round = 0; round < 3; ++round) {
          const summary = await timed(get(`${server.url}/api/summary`));
          assert.equal(summary.result.status, 200);
          assert.ok(summary.ms < 1000, `GET took ${summary.ms.toFixed(0)} ms`);
          const posted = await timed(post(`${server.url}/api/reactions`, reaction()));
          assert.equal(posted.result.status, 201, posted.result.text);
          assert.ok(posted.ms < 1000, `POST took ${posted.ms.toFixed(0)} ms`);
        }
      } finally {
        clearInterval(trickle);
      }
    } finally {
      for (const s of sockets) s.destroy();
    }
  });

  test('a head that never ends is cut off by its deadline', async () => {
    const socket = await connect();
    socket.on('error', () => {});
    socket.write('GET /api/summary HTTP/1.1\r\n');
    const closed = new Promise((resolve) => socket.on('close', resolve));
    const { ms } = await timed(Promise.race([closed, sleep(20000)]));
    assert.ok(socket.destroyed || socket.readyState === 'closed', 'closed by the server');
    assert.ok(ms < 15000, `closed after ${ms.toFixed(0)} ms`);
  });

  test('SIGTERM stops the server within a few seconds while 500 connections are open', async () => {
    const own = await startServer();
    const ownPort = Number(new URL(own.url).port);
    const sockets = [];
    try {
      for (let i = 0; i < 500; ++i) {
        const s = net.connect({ host: '127.0.0.1', port: ownPort });
        s.on('error', () => {});
        if (i % 2) s.write('GET /api/summary HTTP/1.1\r\nHost: x\r\n'); // half a head
        sockets.push(s);
      }
      await sleep(500);
      const body = reaction();
      assert.equal((await post(`${own.url}/api/reactions`, body)).status, 201);
      const { result: code, ms } = await timed(own.stop('SIGTERM'));
      assert.equal(code, 0, own.output());
      assert.ok(ms < 5000, `stopped after ${ms.toFixed(0)} ms`);
      assert.match(own.output(), /stopped/);
    } finally {
      for (const s of sockets) s.destroy();
    }
  });
});

describe('hostile requests', () => {
  test('10,000 headers: 431, and memory stays bounded after many huge heads', async () => {
    const many = Array.from({ length: 10000 }, (_, i) => `X-H${i}: v`).join('\r\n');
    const res = await exchange(`GET /api/summary HTTP/1.1\r\nHost: x\r\n${many}\r\n\r\n`);
    assert.deepEqual(res.statuses, [431], res.text.slice(0, 200));
    assert.match(res.text, /"error":/);

    const before = rssMiB(server.child.pid);
    const huge = `X-Big: ${'a'.repeat(26 * 1024 * 1024)}\r\n`;
    await Promise.all(Array.from({ length: 8 }, () =>
      exchange(`GET /api/summary HTTP/1.1\r\nHost: x\r\n${huge}\r\n`)));
    const afterHuge = rssMiB(server.child.pid);
    assert.ok(afterHuge - before < 50, `memory grew from ${before.toFixed(1)} to ${afterHuge.toFixed(1)} MiB`);
    assert.equal((await get(`${server.url}/api/summary`)).status, 200);
  });

  for (const [name, head] of [
    ['an unknown route', 'POST /api/unknown HTTP/1.1\r\n'],
    ['an admin route without a token', 'POST /api/admin/reactions/0f8fad5b-d9cb-469f-a165-70867728950e/moderation HTTP/1.1\r\n'],
    ['an admin route with a wrong token', 'POST /api/admin/reactions/0f8fad5b-d9cb-469f-a165-70867728950e/moderation HTTP/1.1\r\nAuthorization: Bearer wrong-token\r\n'],
  ]) {
    test(`an endless body to ${name} is answered and cut off at once`, async () => {
      const socket = await connect();
      socket.on('error', () => {});
      let text = '';
      socket.on('data', (d) => { text += d; });
      const closed = new Promise((resolve) => socket.on('close', resolve));
      socket.write(`${head}Host: x\r\nContent-Type: application/json\r\nContent-Length: 100000000000\r\n\r\n`);
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = setInterval(() => { if (!socket.destroyed) { socket.write(chunk); sent += chunk.length; } }, 5);
      const { ms } = await timed(Promise.race([closed, sleep(10000)]));
      clearInterval(pump);
      socket.destroy();
      assert.match(text, /^HTTP\/1\.1 (404|401|403) /, text.slice(0, 100));
      assert.ok(ms < 3000, `the connection stayed open ${ms.toFixed(0)} ms while ${sent} bytes were sent`);
    });
  }

  test('two different Content-Lengths: 400 (no smuggling behind a proxy)', async () => {
    const body = JSON.stringify(reaction());
    const res = await exchange(`POST /api/reactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${body.length}\r\nContent-Length: 5\r\n\r\n${body}`);
    assert.deepEqual(res.statuses, [400], res.text.slice(0, 200));
  });

  test('Content-Length beside Transfer-Encoding: 400', async () => {
    const res = await exchange('POST /api/reactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      'Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
    assert.deepEqual(res.statuses, [400], res.text.slice(0, 200));
  });

  test('two pipelined requests in one packet get two answers, in order', async () => {
    const a = JSON.stringify(reaction());
    const b = JSON.stringify(reaction());
    const one = (body) => `POST /api/reactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const res = await exchange(one(a) + one(b) + 'GET /api/summary HTTP/1.1\r\nHost: x\r\n\r\n', { responses: 3 });
    assert.deepEqual(res.statuses, [201, 201, 200], res.text.slice(0, 300));
    assert.ok(res.text.indexOf(JSON.parse(a).id) < res.text.indexOf(JSON.parse(b).id), 'in order');
  });
});

describe('the data folder', () => {
  test('an existing 0755 folder becomes 0700; the database, its WAL and the secrets 0600', async () => {
    const dir = tempDataDir();
    fs.chmodSync(dir, 0o755);
    const own = await startServer({ dataDir: dir });
    try {
      assert.equal((await post(`${own.url}/api/reactions`, reaction())).status, 201);
      assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
      for (const name of ['reactions.sqlite', 'reactions.sqlite-wal', 'reactions.sqlite-shm', 'admin-token', 'kiosk-key']) {
        assert.equal(fs.statSync(path.join(dir, name)).mode & 0o777, 0o600, name);
      }
    } finally {
      await own.stop();
    }
  });

  test('an admin token left empty (a start on a full disk) is replaced, not a misleading failure', async () => {
    const dir = tempDataDir();
    fs.writeFileSync(path.join(dir, 'admin-token'), '');
    const own = await startServer({ dataDir: dir });
    try {
      assert.match(own.token, /^[0-9a-f]{32}$/);
      const res = await get(`${own.url}/api/admin/export.json`, { Authorization: `Bearer ${own.token}` });
      assert.equal(res.status, 200);
      assert.deepEqual(fs.readdirSync(dir).filter((f) => f.includes('.new-')), [], 'no temporary files left');
    } finally {
      await own.stop();
    }
  });
});

describe('a room shares one address', () => {
  test('200 reactions in a minute from one address with different installation ids are all stored', async () => {
    const own = await startServer(); // default limits: 30 per installation, 600 per address
    try {
      const statuses = await Promise.all(Array.from({ length: 200 }, () => post(`${own.url}/api/reactions`,
        reaction(), { headers: { 'X-Almere-Installation': crypto.randomUUID() } }).then((r) => r.status)));
      assert.deepEqual(statuses.filter((s) => s !== 201), []);
    } finally {
      await own.stop();
    }
  });

  test('one installation is limited; its resends never count; a kiosk key lifts the limit', async () => {
    const own = await startServer({ args: ['--rate-limit', '3'] });
    try {
      const url = `${own.url}/api/reactions`;
      const installation = { 'X-Almere-Installation': crypto.randomUUID() };
      const mine = [reaction(), reaction(), reaction()];
      for (const body of mine) assert.equal((await post(url, body, { headers: installation })).status, 201);
      for (let i = 0; i < 10; ++i) {
        for (const body of mine) assert.equal((await post(url, body, { headers: installation })).status, 200);
      }
      const limited = await post(url, reaction(), { headers: installation });
      assert.equal(limited.status, 429, limited.text);
      assert.equal(limited.headers.get('x-almere-refused'), null, 'a 429 is not final');
      assert.equal((await post(url, reaction(), { headers: { 'X-Almere-Installation': crypto.randomUUID() } })).status, 201,
        'another installation at the same address is not held back');
      const kioskKey = fs.readFileSync(path.join(own.dataDir, 'kiosk-key'), 'utf8').trim();
      for (let i = 0; i < 20; ++i) {
        const res = await post(url, reaction({ channel: 'kiosk' }),
          { headers: { ...installation, 'X-Almere-Kiosk-Key': kioskKey } });
        assert.equal(res.status, 201, res.text);
      }
      const wrongKey = await post(url, reaction(), { headers: { ...installation, 'X-Almere-Kiosk-Key': 'x'.repeat(32) } });
      assert.equal(wrongKey.status, 429);
      assert.ok(!own.output().includes(kioskKey), 'the kiosk key is never printed');
    } finally {
      await own.stop();
    }
  });
});
