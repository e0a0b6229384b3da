// The feedback API of almere-server on 127.0.0.1 (issue 4): what it accepts, what it refuses and
// why, what it gives back, and that it stops cleanly.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { get, post, reaction, startServer } from './harness.mjs';

let server;
let api;
const admin = () => ({ Authorization: `Bearer ${server.token}` });
const exportJson = async () => (await get(`${server.url}/api/admin/export.json`, admin())).json;
const rowsWithId = async (id) => (await exportJson()).reactions.filter((r) => r.id === id);

before(async () => {
  server = await startServer({ args: ['--rate-limit', '0'] });
  api = `${server.url}/api/reactions`;
});
after(async () => { await server?.stop('SIGKILL'); });

describe('accepting reactions', () => {
  test('a valid reaction is stored (201) and is in the admin export as sent', async () => {
    const body = reaction();
    const res = await post(api, body);
    assert.equal(res.status, 201, res.text);
    assert.deepEqual(res.json, { id: body.id, status: 'stored' });
    const rows = await rowsWithId(body.id);
    assert.equal(rows.length, 1);
    const { received_at: receivedAt, moderation, clock_suspect: clockSuspect, ...posted } = rows[0];
    assert.deepEqual(posted, body);
    assert.equal(moderation, 'new');
    assert.equal(clockSuspect, false);
    assert.ok(Math.abs(receivedAt - Date.now() / 1000) < 60, 'received_at is the server clock');
  });

  test('a place with a pin is stored and exported as a WGS84 point', async () => {
    const body = reaction({ subject: { kind: 'place', id: 'WK003417' }, pin: { lon: 5.2147, lat: 52.3712 } });
    assert.equal((await post(api, body)).status, 201);
    const geo = await get(`${server.url}/api/admin/export.geojson`, admin());
    assert.equal(geo.status, 200);
    assert.match(geo.headers.get('content-type'), /^application\/geo\+json/);
    assert.equal(geo.json.type, 'FeatureCollection');
    const feature = geo.json.features.find((f) => f.properties.id === body.id);
    assert.deepEqual(feature.geometry, { type: 'Point', coordinates: [5.2147, 52.3712] });
    assert.equal(feature.properties.subject_kind, 'place');
    assert.equal(feature.properties.subject_id, 'WK003417');
    assert.equal(feature.properties.phase, '2050');
    assert.equal(feature.properties.rating, body.rating);
    assert.equal(geo.json.features.every((f) => f.geometry.type === 'Point'), true);
  });

  test('the same reaction again is answered 200 "duplicate" and stored once', async () => {
    const body = reaction();
    assert.equal((await post(api, body)).status, 201);
    const again = await post(api, body);
    assert.equal(again.status, 200);
    assert.deepEqual(again.json, { id: body.id, status: 'duplicate' });
    assert.equal(again.headers.get('x-almere-refused'), null, 'a resend is not refused');
    assert.equal((await rowsWithId(body.id)).length, 1);
  });

  test('the same id with other content is a client bug: 409, refused, the first one kept', async () => {
    const body = reaction();
    assert.equal((await post(api, body)).status, 201);
    const other = await post(api, { ...body, rating: body.rating === 5 ? 1 : 5 });
    assert.equal(other.status, 409, other.text);
    assert.deepEqual(other.json, { error: 'id: already used for a different reaction' });
    assert.equal(other.headers.get('x-almere-refused'), 'reaction');
    const rows = await rowsWithId(body.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].rating, body.rating, 'the first one counts');
  });

  test('a kiosk with a wrong clock: stored with the server time beside it, and flagged', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases = [[86400, true], [1500000000, true], [now + 7200, true], [now - 5 * 3600, false]];
    for (const [createdAt, suspect] of cases) {
      const body = reaction({ channel: 'kiosk', created_at: createdAt });
      const res = await post(api, body);
      assert.equal(res.status, 201, `${createdAt}: ${res.text}`);
      const [row] = await rowsWithId(body.id);
      assert.equal(row.created_at, createdAt, 'the client time as sent');
      assert.ok(Math.abs(row.received_at - now) < 60, 'the server time beside it');
      assert.equal(row.clock_suspect, suspect, `${createdAt}`);
    }
    const csv = (await get(`${server.url}/api/admin/export.csv`, admin())).text;
    assert.match(csv.split('\r\n')[0], /,moderation,clock_suspect,wijk$/);
    assert.match(csv, /"new",yes,""\r\n/);
  });

  test('a body with more after a NUL byte is refused, not stored', async () => {
    const body = reaction();
    const res = await post(api, Buffer.concat([Buffer.from(JSON.stringify(body)), Buffer.from([0]),
      Buffer.from('{"rating": 9}')]));
    assert.equal(res.status, 400, res.text);
    assert.deepEqual(res.json, { error: 'is not valid JSON (contains a NUL byte)' });
    assert.equal(res.headers.get('x-almere-refused'), 'reaction');
    assert.equal((await rowsWithId(body.id)).length, 0);
  });

  test('charset=utf-8 is an accepted content type', async () => {
    const res = await post(api, reaction(), { contentType: 'application/json; charset=UTF-8' });
    assert.equal(res.status, 201, res.text);
  });
});

describe('refusing reactions, field by field', () => {
  const cases = [
    ['rating 0', { rating: 0 }, 'rating: expected a whole number from 1 to 5'],
    ['rating 6', { rating: 6 }, 'rating: expected a whole number from 1 to 5'],
    ['rating 3.5', { rating: 3.5 }, 'rating: expected a whole number from 1 to 5'],
    ['rating as text', { rating: '4' }, 'rating: expected a whole number from 1 to 5'],
    ['no rating', { rating: undefined }, 'rating: is missing'],
    ['id not a UUID', { id: 'abc' }, 'id: expected a UUID v4'],
    ['id in capitals', { id: '7F0C2A9E-5B1D-4C3E-9A7F-0123456789AB' }, 'id: expected a UUID v4'],
    ['no id', { id: undefined }, 'id: is missing'],
    ['unknown plan', { subject: { kind: 'plan', id: 'lelystad' } }, 'subject.id: not a plan of the vision'],
    ['unknown ambition', { subject: { kind: 'ambition', id: 'pampus' } }, 'subject.id: not an ambition of the vision'],
    ['unknown kind', { subject: { kind: 'wish', id: 'x' } }, 'subject.kind: expected plan, ambition or place'],
    ['place without pin', { subject: { kind: 'place', id: 'WK003417' } }, 'pin: required for a place'],
    ['pin on a plan', { pin: { lon: 5.2, lat: 52.3 } }, 'pin: only for a place'],
    ['wijk of another town', { subject: { kind: 'place', id: 'WK036301' }, pin: { lon: 5.2, lat: 52.3 } },
      'subject.id: expected "" or a wijk code (WK0034 and 2 digits)'],
    ['pin in Utrecht', { subject: { kind: 'place', id: '' }, pin: { lon: 5.12, lat: 52.09 } },
      'pin.lat: expected a latitude between 52.2 and 52.5'],
    ['pin at sea', { subject: { kind: 'place', id: '' }, pin: { lon: 4.5, lat: 52.3 } },
      'pin.lon: expected a longitude between 4.9 and 5.5'],
    ['comment too long', { comment: 'a'.repeat(501) }, 'comment: longer than 500 characters'],
    ['comment with a control character', { comment: 'a\u0007b' },
      'comment: contains a control character (only line breaks allowed)'],
    ['comment not text', { comment: 42 }, 'comment: expected a string'],
    ['unknown age band', { age_band: 'oud' }, 'age_band: unknown age band'],
    ['unknown stadsdeel', { home_stadsdeel: 'amsterdam' }, 'home_stadsdeel: unknown stadsdeel'],
    ['no consent', { consent: false }, 'consent: must be true'],
    ['consent missing', { consent: undefined }, 'consent: must be true'],
    ['plan_state with capitals', { plan_state: 'plans=PAMPUS' },
      'plan_state: expected at most 200 characters of a-z, 0-9 and _=,;.'],
    ['plan_state too long', { plan_state: 'a'.repeat(201) },
      'plan_state: expected at most 200 characters of a-z, 0-9 and _=,;.'],
    ['unknown language', { lang: 'de' }, 'lang: expected nl, en, pl or ar'],
    ['unknown channel', { channel: 'fax' }, 'channel: expected kiosk, web or session'],
    ['created_at negative', { created_at: -1 }, 'created_at: expected unix seconds (a whole number from 0)'],
    ['created_at as text', { created_at: '2026-01-01' }, 'created_at: expected unix seconds (a whole number from 0)'],
    ['a name (never asked for)', { name: 'Jan Jansen' }, 'name: unknown field'],
  ];
  for (const [name, changes, message] of cases) {
    test(`${name}: 400 "${message}"`, async () => {
      const res = await post(api, reaction(changes));
      assert.equal(res.status, 400, res.text);
      assert.deepEqual(res.json, { error: message });
      assert.equal(res.headers.get('x-almere-refused'), 'reaction', 'the API\'s own, final no');
    });
  }

  test('a 500-character comment of accented letters is accepted (characters, not bytes)', async () => {
    assert.equal((await post(api, reaction({ comment: 'é'.repeat(500) }))).status, 201);
  });
});

describe('refusing bodies', () => {
  test('a body over 8192 bytes: 413', async () => {
    const res = await post(api, reaction({ comment: 'x'.repeat(9000) }));
    assert.equal(res.status, 413);
    assert.equal(res.headers.get('x-almere-refused'), 'reaction', 'final: resending will not help');
    assert.match(res.json.error, /larger than 8192 bytes/);
  });

  test('malformed JSON: 400', async () => {
    for (const text of ['{"id": ', 'not json', '', '[1,2]']) {
      const res = await post(api, text);
      assert.equal(res.status, 400, `${JSON.stringify(text)}: ${res.text}`);
      assert.ok(res.json.error, res.text);
    }
    assert.equal((await post(api, '{"id": ')).json.error, 'is not valid JSON (or not valid UTF-8)');
  });

  test('invalid UTF-8 bytes: 400', async () => {
    const text = JSON.stringify(reaction({ comment: 'caf__' }));
    const at = text.indexOf('__');
    for (const bad of [[0xc3, 0x28], [0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80]]) {
      const bytes = Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(bad), Buffer.from(text.slice(at + 2))]);
      const res = await post(api, bytes);
      assert.equal(res.status, 400, res.text);
      assert.deepEqual(res.json, { error: 'is not valid JSON (or not valid UTF-8)' });
    }
  });

  test('a content type other than application/json: 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1',
      'application/jsonp', 'multipart/form-data; boundary=x']) {
      const res = await post(api, reaction(), { contentType: type });
      assert.equal(res.status, 415, `${type}: ${res.text}`);
      assert.equal(res.headers.get('x-almere-refused'), 'reaction');
    }
    const none = await post(api, Buffer.from(JSON.stringify(reaction())), { contentType: null });
    assert.equal(none.status, 415);
  });

  test('a compressed body: 415', async () => {
    const res = await post(api, reaction(), { headers: { 'Content-Encoding': 'gzip' } });
    assert.equal(res.status, 415);
  });
});

describe('hostile text', () => {
  test('SQL-looking text is stored verbatim', async () => {
    const comment = "'); DROP TABLE reactions; -- \" OR 1=1; SELECT * FROM sqlite_master;";
    const body = reaction({ comment });
    assert.equal((await post(api, body)).status, 201);
    const rows = await rowsWithId(body.id);
    assert.equal(rows[0].comment, comment);
    assert.ok((await exportJson()).reactions.length >= 2, 'the table is still there');
  });

  test('HTML-looking text is stored verbatim and returned escaped', async () => {
    const comment = '<script>alert("x")</script> <img src=x onerror=alert(1)> & co';
    const body = reaction({ subject: { kind: 'ambition', id: 'klimaat' }, comment });
    assert.equal((await post(api, body)).status, 201);
    const raw = await get(`${server.url}/api/admin/export.json`, admin());
    assert.ok(!raw.text.includes('<script>') && !raw.text.includes('<img'), 'no raw markup');
    assert.ok(raw.text.includes('\\u003cscript\\u003e'), 'escaped as \\u003c');
    assert.ok(raw.text.includes('\\u0026 co'), 'escaped as \\u0026');
    assert.equal(raw.json.reactions.find((r) => r.id === body.id).comment, comment);

    const moderated = await post(`${server.url}/api/admin/reactions/${body.id}/moderation`,
      { status: 'approved' }, { headers: admin() });
    assert.equal(moderated.status, 200, moderated.text);
    const comments = await get(`${server.url}/api/comments?kind=ambition&id=klimaat`);
    assert.equal(comments.status, 200);
    assert.ok(!comments.text.includes('<script>'));
    assert.deepEqual(comments.json.comments.map((c) => c.comment), [comment]);
  });

  test('CSV export: a formula-looking cell is neutralised with a leading quote', async () => {
    // (A tab or carriage return cannot start a comment: control characters are refused.)
    const formulas = ['=HYPERLINK("http://evil.example","klik")', '+31 6 1234', '-2+3', '@SUM(A1:A9)',
      'Gewoon "tekst", met komma\nen regel'];
    for (const comment of formulas) assert.equal((await post(api, reaction({ comment }))).status, 201);
    const csv = await get(`${server.url}/api/admin/export.csv`, admin());
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type'), /^text\/csv; charset=utf-8/);
    assert.ok(csv.text.includes('"\'=HYPERLINK(""http://evil.example"",""klik"")"'), 'quoted and neutralised');
    assert.ok(csv.text.includes('"\'+31 6 1234"'));
    assert.ok(csv.text.includes('"\'-2+3"'));
    assert.ok(csv.text.includes('"\'@SUM(A1:A9)"'));
    assert.ok(!/(^|,)"?=HYPERLINK/m.test(csv.text), 'no cell starts with =');
    assert.ok(csv.text.includes('"Gewoon ""tekst"", met komma\nen regel"'), 'RFC 4180 quoting');
    assert.ok(csv.text.startsWith('id,created_at,received_at,subject_kind'), 'header row');
    const raw = Buffer.from(await (await fetch(`${server.url}/api/admin/export.csv`, { headers: admin() })).arrayBuffer());
    assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM, for Excel');
  });
});

describe('the admin token', () => {
  test('missing: 401; wrong: 403; right: 200', async () => {
    for (const route of ['export.csv', 'export.json', 'export.geojson']) {
      const url = `${server.url}/api/admin/${route}`;
      assert.equal((await get(url)).status, 401, route);
      assert.equal((await get(url, { Authorization: 'Basic YWRtaW46YWRtaW4=' })).status, 401, route);
      assert.equal((await get(url, { Authorization: 'Bearer not-the-token' })).status, 403, route);
      assert.equal((await get(url, { Authorization: `Bearer ${server.token}x` })).status, 403, route);
      assert.equal((await get(url, admin())).status, 200, route);
    }
    const id = crypto.randomUUID();
    const url = `${server.url}/api/admin/reactions/${id}/moderation`;
    assert.equal((await post(url, { status: 'hidden' })).status, 401);
    assert.equal((await post(url, { status: 'hidden' }, { headers: { Authorization: 'Bearer nope' } })).status, 403);
  });

  test('ALMERE_ADMIN_TOKEN replaces the file; a short one is refused at startup', async () => {
    const token = 'a-long-enough-token-for-tests-0123';
    const own = await startServer({ env: { ALMERE_ADMIN_TOKEN: token } });
    try {
      assert.ok(!fs.existsSync(path.join(own.dataDir, 'admin-token')), 'no file written');
      const url = `${own.url}/api/admin/export.json`;
      assert.equal((await get(url, { Authorization: `Bearer ${token}` })).status, 200);
      assert.ok(!own.output().includes(token), 'the token is never printed');
    } finally {
      await own.stop();
    }
    await assert.rejects(startServer({ env: { ALMERE_ADMIN_TOKEN: 'short' } }), /at least 16 characters/);
  });

  test('the token file is created with 32 hex characters, readable by its owner only', () => {
    const file = path.join(server.dataDir, 'admin-token');
    assert.match(fs.readFileSync(file, 'utf8'), /^[0-9a-f]{32}\n$/);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.ok(!server.output().includes(server.token), 'the token is never printed');
  });
});

describe('summary and moderation', () => {
  test('the summary counts per subject and wijk; hiding a reaction takes it out', async () => {
    const summary = async () => (await get(`${server.url}/api/summary`)).json;
    const subject = (s, kind, id) => s.subjects.find((x) => x.kind === kind && x.id === id);
    const first = reaction({ subject: { kind: 'ambition', id: 'woningen' }, rating: 5 });
    const second = reaction({ subject: { kind: 'ambition', id: 'woningen' }, rating: 2 });
    const place = reaction({ subject: { kind: 'place', id: 'WK003401' }, pin: { lon: 5.1, lat: 52.35 }, rating: 3 });
    for (const body of [first, second, place]) assert.equal((await post(api, body)).status, 201);

    const before = await summary();
    assert.deepEqual(subject(before, 'ambition', 'woningen'),
      { kind: 'ambition', id: 'woningen', count: 2, ratings: [0, 1, 0, 0, 1] });
    assert.deepEqual(before.places.find((p) => p.wijk === 'WK003401'),
      { wijk: 'WK003401', count: 1, ratings: [0, 0, 1, 0, 0] });

    const moderation = `${server.url}/api/admin/reactions/${first.id}/moderation`;
    const hidden = await post(moderation, { status: 'hidden' }, { headers: admin() });
    assert.equal(hidden.status, 200, hidden.text);
    assert.deepEqual(hidden.json, { id: first.id, moderation: 'hidden' });
    const afterHiding = await summary();
    assert.deepEqual(subject(afterHiding, 'ambition', 'woningen').ratings, [0, 1, 0, 0, 0]);
    assert.equal(afterHiding.total, before.total - 1);
    assert.equal((await rowsWithId(first.id))[0].moderation, 'hidden', 'kept for the export');

    assert.equal((await post(moderation, { status: 'new' }, { headers: admin() })).status, 200);
    assert.equal(subject(await summary(), 'ambition', 'woningen').count, 2);
  });

  test('comments are public only once approved', async () => {
    const body = reaction({ subject: { kind: 'plan', id: 'oosterwold' }, comment: 'Laat het wild!' });
    assert.equal((await post(api, body)).status, 201);
    const comments = async () => (await get(`${server.url}/api/comments?kind=plan&id=oosterwold`)).json.comments;
    assert.deepEqual(await comments(), []);
    const url = `${server.url}/api/admin/reactions/${body.id}/moderation`;
    assert.equal((await post(url, { status: 'approved' }, { headers: admin() })).status, 200);
    const [shown] = await comments();
    assert.equal(shown.comment, 'Laat het wild!');
    assert.equal(shown.rating, body.rating);
    assert.equal(shown.id, undefined, 'no ids in public answers');
    assert.equal((await get(`${server.url}/api/comments?kind=plan&id=x%27%20OR%201`)).status, 400);
    assert.equal((await get(`${server.url}/api/comments?kind=person&id=jan`)).status, 400);
  });

  test('moderation: unknown id 404, bad status 400', async () => {
    const unknown = `${server.url}/api/admin/reactions/${crypto.randomUUID()}/moderation`;
    assert.equal((await post(unknown, { status: 'hidden' }, { headers: admin() })).status, 404);
    const body = reaction();
    assert.equal((await post(api, body)).status, 201);
    const url = `${server.url}/api/admin/reactions/${body.id}/moderation`;
    const bad = await post(url, { status: 'deleted' }, { headers: admin() });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error, 'status: expected approved, hidden or new');
  });
});

describe('the wijk of a plan or ambition reaction (issue 10)', () => {
  test('stored, in the JSON and CSV exports; a bad code is refused as "wijk: ..."', async () => {
    const body = reaction({ subject: { kind: 'ambition', id: 'klimaat' }, wijk: 'WK003465' });
    const res = await post(api, body);
    assert.equal(res.status, 201, res.text);
    const [row] = await rowsWithId(body.id);
    assert.equal(row.wijk, 'WK003465');
    const csv = (await get(`${server.url}/api/admin/export.csv`, admin())).text;
    assert.ok(csv.split('\r\n').some((line) => line.startsWith(`"${body.id}",`) && line.endsWith(',"WK003465"')), csv);
    const bad = await post(api, reaction({ wijk: 'WK036301' }));
    assert.equal(bad.status, 400);
    assert.match(bad.json.error, /^wijk: /);
    const onPlace = await post(api, reaction({ subject: { kind: 'place', id: 'WK003417' },
      pin: { lon: 5.2147, lat: 52.3712 }, wijk: 'WK003417' }));
    assert.equal(onPlace.status, 400);
    assert.match(onPlace.json.error, /^wijk: only for a plan or ambition/);
  });

  test('a database from before the column gets it, and keeps its reactions', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'almere-old-db-'));
    // The schema as it was before issue 10, with one reaction in it.
    execFileSync('sqlite3', [path.join(dataDir, 'reactions.sqlite'), `
      CREATE TABLE reactions (id TEXT NOT NULL UNIQUE, subject_kind TEXT NOT NULL,
        subject_id TEXT NOT NULL, lon REAL, lat REAL,
        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5), comment TEXT NOT NULL,
        age_band TEXT NOT NULL, home_stadsdeel TEXT NOT NULL, plan_state TEXT NOT NULL,
        lang TEXT NOT NULL, channel TEXT NOT NULL, created_at INTEGER NOT NULL,
        received_at INTEGER NOT NULL, clock_suspect INTEGER NOT NULL DEFAULT 0,
        moderation TEXT NOT NULL DEFAULT 'new' CHECK (moderation IN ('new', 'approved', 'hidden')));
      INSERT INTO reactions VALUES ('7f0c2a9e-5b1d-4c3e-9a7f-0123456789ab', 'plan', 'pampus', NULL,
        NULL, 4, '', '', '', '', 'nl', 'web', 1795850000, 1795850000, 0, 'new');`]);
    const old = await startServer({ dataDir, args: ['--rate-limit', '0'] });
    try {
      const body = reaction({ subject: { kind: 'plan', id: 'hart' }, wijk: 'WK003401' });
      assert.equal((await post(`${old.url}/api/reactions`, body)).status, 201);
      const rows = (await get(`${old.url}/api/admin/export.json`, { Authorization: `Bearer ${old.token}` })).json.reactions;
      assert.deepEqual(rows.map((r) => [r.id, r.wijk]), [['7f0c2a9e-5b1d-4c3e-9a7f-0123456789ab', undefined], [body.id, 'WK003401']]);
    } finally {
      await old.stop();
    }
    const columns = execFileSync('sqlite3', [path.join(dataDir, 'reactions.sqlite'),
      "SELECT name FROM pragma_table_info('reactions') WHERE name = 'wijk'"], { encoding: 'utf8' });
    assert.equal(columns.trim(), 'wijk');
  });
});

describe('rate limit', () => {
  test('more accepted reactions per minute than --rate-limit: 429 with Retry-After', async () => {
    const limited = await startServer({ args: ['--rate-limit', '3'] });
    try {
      const url = `${limited.url}/api/reactions`;
      for (let i = 0; i < 3; ++i) assert.equal((await post(url, reaction())).status, 201);
      assert.equal((await post(url, reaction({ rating: 9 }))).status, 400, 'invalid ones do not count');
      const refused = await post(url, reaction());
      assert.equal(refused.status, 429, refused.text);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      const log = limited.output().replace(/listening on http:\/\/127\.0\.0\.1:\d+\//, '');
      assert.doesNotMatch(log, /\d+\.\d+\.\d+\.\d+/, 'no addresses logged');
    } finally {
      await limited.stop('SIGKILL');
    }
  });
});

describe('shutting down', () => {
  test('SIGTERM: exit code 0, and what was stored is there after a restart', async () => {
    const own = await startServer();
    const body = reaction();
    assert.equal((await post(`${own.url}/api/reactions`, body)).status, 201);
    assert.equal(await own.stop('SIGTERM'), 0, own.output());
    assert.match(own.output(), /stopped/);
    assert.ok(!fs.existsSync(path.join(own.dataDir, 'reactions.sqlite-wal')), 'WAL checkpointed on close');
    const again = await startServer({ dataDir: own.dataDir });
    try {
      const rows = (await get(`${again.url}/api/admin/export.json`, { Authorization: `Bearer ${again.token}` })).json;
      assert.deepEqual(rows.reactions.map((r) => r.id), [body.id]);
      assert.equal(again.token, own.token, 'the token file is reused');
    } finally {
      await again.stop();
    }
  });

  test('the API runs without --web; unknown routes are 404 JSON', async () => {
    const res = await get(`${server.url}/index.html`);
    assert.equal(res.status, 404);
    assert.deepEqual(res.json, { error: 'not found' });
  });
});
