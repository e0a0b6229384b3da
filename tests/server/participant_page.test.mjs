// The participant's page of a Burgerberaad session (issue 9) on 127.0.0.1, as a browser without
// JavaScript uses it: plain GETs and HTML form posts. Joining sets a cookie; a form answer is
// checked by the C++ rule and stored once (the export shows it), a changed answer replaces it;
// a closed round, an unknown code, a huge body and a foreign form are refused.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { post, startServer } from './harness.mjs';

let server;
let key;
const facilitator = () => ({ 'X-Almere-Facilitator-Key': key });
const control = (code, body) =>
  post(`${server.url}/api/sessions/${code}/control`, body, { headers: facilitator() });

async function newSession() {
  const res = await post(`${server.url}/api/sessions`, { agenda: 'omgevingsvisie' }, { headers: facilitator() });
  assert.equal(res.status, 201, res.text);
  return res.json.code;
}

// A browser's request: no redirects followed, so 303s and cookies can be checked.
async function request(pathname, { method = 'GET', form, cookie, headers = {} } = {}) {
  const init = { method, redirect: 'manual', headers: { ...headers } };
  if (cookie) init.headers.Cookie = cookie;
  if (form) {
    init.body = new URLSearchParams(form).toString();
    init.headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  const res = await fetch(`${server.url}${pathname}`, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text };
}

// Visits the page the first time: the participant's cookie ("almere_p=<id>").
async function visit(code) {
  const res = await request(`/s/${code}`);
  assert.equal(res.status, 200, res.text);
  const set = res.headers.get('set-cookie');
  assert.ok(set, 'the first visit sets a cookie');
  return { page: res.text, setCookie: set, cookie: set.split(';')[0] };
}

async function exported(code) {
  const res = await fetch(`${server.url}/api/sessions/${code}/export.json`,
    { headers: { Authorization: `Bearer ${server.token}` } });
  assert.equal(res.status, 200);
  return (await res.json()).answers;
}

before(async () => {
  server = await startServer(); // API only: no --web, so no script on the page at all
  key = fs.readFileSync(path.join(server.dataDir, 'facilitator-key'), 'utf8').trim();
});
after(async () => { await server?.stop('SIGKILL'); });

describe('finding the session', () => {
  test('/s asks for the code; a typed code goes to its page in capitals', async () => {
    const form = await request('/s');
    assert.equal(form.status, 200);
    assert.match(form.text, /<form method="get" action="\/s">/);
    assert.match(form.text, /name="code"/);
    assert.match(form.text, /geen O of 0/);
    assert.equal((await request('/s/')).status, 200);
    const typed = await request('/s?code=abc347');
    assert.equal(typed.status, 303);
    assert.equal(typed.headers.get('location'), '/s/ABC347');
    assert.equal((await request('/s?code=%20acd%20347%20&lang=en')).headers.get('location'), '/s/ACD347?lang=en');
    const wrong = await request('/s?code=abc');
    assert.equal(wrong.status, 400);
    assert.match(wrong.text, /Deze code kennen we niet/);
  });

  test('an unknown code and a deleted or ended session: a clear page with a way back', async () => {
    for (const code of ['ACDEFH', 'ABC347', 'xx', 'ACDEFH/nothing']) {
      const res = await request(`/s/${code}`);
      assert.equal(res.status, 404, code);
      assert.match(res.headers.get('content-type'), /^text\/html/);
      assert.match(res.text, /Deze sessie bestaat niet/);
      assert.match(res.text, /href="\/s"/);
    }
    const code = await newSession();
    assert.equal((await request(`/s/${code.toLowerCase()}`)).headers.get('location'), `/s/${code}`);
    assert.equal((await control(code, { action: 'end' })).status, 200);
    const ended = await request(`/s/${code}`);
    assert.equal(ended.status, 410);
    assert.match(ended.text, /De sessie is afgelopen/);
  });
});

describe('answering with plain HTML forms', () => {
  let code;
  let visitor;
  before(async () => {
    code = await newSession();
    visitor = await visit(code);
  });

  test('the first visit joins and sets a private cookie; no script is needed', async () => {
    assert.match(visitor.setCookie, /^almere_p=[0-9a-f-]{36}; /);
    for (const part of [`Path=/s/${code}`, 'HttpOnly', 'SameSite=Strict', 'Max-Age=43200'])
      assert.ok(visitor.setCookie.includes(part), `${part} in ${visitor.setCookie}`);
    const state = await (await fetch(`${server.url}/api/sessions/${code}`)).json();
    assert.equal(state.participants, 1);
    assert.match(visitor.page, /Wacht op de gespreksleider/);
    assert.doesNotMatch(visitor.page, /<script/);
    // With the cookie the page does not join again.
    const again = await request(`/s/${code}`, { cookie: visitor.cookie });
    assert.equal(again.headers.get('set-cookie'), null);
    assert.equal((await (await fetch(`${server.url}/api/sessions/${code}`)).json()).participants, 1);
  });

  test('the page goes out gzip-compressed to a browser that takes it, plain to one that does not', async () => {
    const raw = (encoding) => new Promise((resolve, reject) => {
      const { port } = new URL(server.url);
      const headers = { Cookie: visitor.cookie, ...(encoding ? { 'Accept-Encoding': encoding } : {}) };
      http.get({ host: '127.0.0.1', port, path: `/s/${code}`, headers }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    const packed = await raw('gzip, deflate, br');
    assert.equal(packed.headers['content-encoding'], 'gzip');
    assert.equal(packed.headers.vary, 'Accept-Encoding');
    const page = zlib.gunzipSync(packed.body).toString('utf8');
    assert.match(page, /Wacht op de gespreksleider/);
    const plain = await raw(null);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body.toString('utf8'), page);
    assert.ok(packed.body.length < page.length / 2, `${packed.body.length} of ${page.length} bytes`);
  });

  test('a rating is stored once, shown back, and a changed one replaces it', async () => {
    assert.equal((await control(code, { action: 'open', round: 0 })).status, 200);
    const page = await request(`/s/${code}`, { cookie: visitor.cookie });
    assert.equal((page.text.match(/type="radio" name="rating"/g) || []).length, 5);
    assert.match(page.text, /Heel slecht/);
    assert.match(page.text, /Heel goed/);

    const sent = await request(`/s/${code}/answer`, { method: 'POST', cookie: visitor.cookie, form: { round: '0', rating: '4' } });
    assert.equal(sent.status, 303, sent.text);
    assert.equal(sent.headers.get('location'), `/s/${code}#antwoord`);
    const shown = await request(`/s/${code}`, { cookie: visitor.cookie });
    assert.match(shown.text, /Je antwoord is opgeslagen/);
    assert.match(shown.text, /4 – Goed/);
    assert.match(shown.text, /value="4" checked/);
    let answers = await exported(code);
    assert.equal(answers.length, 1);
    assert.deepEqual(answers[0].answer, { rating: 4 });
    assert.equal(answers[0].round, 0);

    assert.equal((await request(`/s/${code}/answer`, { method: 'POST', cookie: visitor.cookie, form: { round: '0', rating: '2' } })).status, 303);
    answers = await exported(code);
    assert.equal(answers.length, 1, 'replaced, not added');
    assert.deepEqual(answers[0].answer, { rating: 2 });
  });

  test('a wrong answer is shown again with the message beside the field, nothing stored', async () => {
    for (const form of [{ round: '0', rating: '9' }, { round: '0' }, { round: '0', rating: '4; DROP' }]) {
      const res = await request(`/s/${code}/answer`, { method: 'POST', cookie: visitor.cookie, form });
      assert.equal(res.status, 400, JSON.stringify(form));
      assert.match(res.text, /<p class="error" id="error-rating">Kies een van de vijf gezichten.<\/p>/);
      assert.match(res.text, /aria-invalid="true"/);
    }
    assert.deepEqual((await exported(code))[0].answer, { rating: 2 });
  });

  test('with Accept: application/json the same route answers JSON with the new sheet', async () => {
    const res = await request(`/s/${code}/answer`, {
      method: 'POST', cookie: visitor.cookie, form: { round: '0', rating: '5' }, headers: { Accept: 'application/json' },
    });
    assert.equal(res.status, 200);
    const body = JSON.parse(res.text);
    assert.equal(body.status, 'replaced');
    assert.deepEqual(body.answer, { rating: 5 });
    assert.match(body.sheet, /^<section id="sheet"/);
    assert.match(body.sheet, /Je antwoord is opgeslagen/);
    const bad = await request(`/s/${code}/answer`, {
      method: 'POST', cookie: visitor.cookie, form: { round: '0' }, headers: { Accept: 'application/json' },
    });
    assert.equal(bad.status, 400);
    assert.equal(JSON.parse(bad.text).field, 'rating');
  });

  test('without a cookie the form still counts: it joins then', async () => {
    const res = await request(`/s/${code}/answer`, { method: 'POST', form: { round: '0', rating: '3' } });
    assert.equal(res.status, 303);
    assert.match(res.headers.get('set-cookie'), /^almere_p=/);
    assert.equal((await exported(code)).length, 2);
  });

  test('a closed round or a form of an earlier round: 409, nothing stored', async () => {
    assert.equal((await control(code, { action: 'close' })).status, 200);
    const closed = await request(`/s/${code}/answer`, { method: 'POST', cookie: visitor.cookie, form: { round: '0', rating: '1' } });
    assert.equal(closed.status, 409);
    assert.match(closed.text, /De vraag is gesloten/);
    const page = await request(`/s/${code}`, { cookie: visitor.cookie });
    assert.match(page.text, /De vraag is gesloten/);
    assert.doesNotMatch(page.text, /<form/);

    assert.equal((await control(code, { action: 'open', round: 6 })).status, 200);
    const stale = await request(`/s/${code}/answer`, { method: 'POST', cookie: visitor.cookie, form: { round: '0', rating: '1' } });
    assert.equal(stale.status, 409);
    const answers = await exported(code);
    assert.deepEqual(answers.find((a) => a.round === 0 && a.answer.rating === 1), undefined);
    assert.deepEqual(answers.filter((a) => a.round === 6), []);
  });

  test('choice, statements and place (a wijk from a list) and their results', async () => {
    const choice = await request(`/s/${code}`, { cookie: visitor.cookie });
    assert.equal((choice.text.match(/type="radio" name="choice"/g) || []).length, 6);
    assert.equal((await request(`/s/${code}/answer`, { method: 'POST', cookie: visitor.cookie, form: { round: '6', choice: 'woningen' } })).status, 303);
    assert.equal((await request(`/s/${code}/answer`, { method: 'POST', cookie: visitor.cookie, form: { round: '6', choice: 'nee' } })).status, 400);

    assert.equal((await control(code, { action: 'open', round: 4 })).status, 200);
    const statements = await request(`/s/${code}`, { cookie: visitor.cookie });
    assert.match(statements.text, /name="vote.betaalbaar" value="disagree"/);
    const form = new URLSearchParams([['round', '4'], ['vote.betaalbaar', 'agree'], ['vote.klimaat', 'pass']]);
    assert.equal((await request(`/s/${code}/answer`, { method: 'POST', cookie: visitor.cookie, form })).status, 303);

    assert.equal((await control(code, { action: 'open', round: 5 })).status, 200);
    const place = await request(`/s/${code}`, { cookie: visitor.cookie });
    assert.match(place.text, /<select id="wijk" name="wijk"/);
    assert.match(place.text, /<option value="WK003496">/);
    assert.equal((await request(`/s/${code}/answer`, { method: 'POST', cookie: visitor.cookie, form: { round: '5', wijk: 'WK003496' } })).status, 303);
    assert.match((await request(`/s/${code}`, { cookie: visitor.cookie })).text, /Je antwoord is opgeslagen/);

    const answers = await exported(code);
    assert.deepEqual(answers.find((a) => a.round === 6).answer, { choices: ['woningen'] });
    assert.deepEqual(answers.find((a) => a.round === 4).answer, { votes: { betaalbaar: 'agree', klimaat: 'pass' } });
    const pin = answers.find((a) => a.round === 5).answer.pin;
    assert.ok(pin.lon > 5.0 && pin.lon < 5.4 && pin.lat > 52.3 && pin.lat < 52.45, JSON.stringify(pin));

    assert.equal((await control(code, { action: 'close' })).status, 200);
    assert.equal((await control(code, { action: 'show_results' })).status, 200);
    const results = await request(`/s/${code}`, { cookie: visitor.cookie });
    assert.match(results.text, /Uitslag/);
    assert.match(results.text, /Aantal antwoorden: 1/);
  });

  test('a proposed statement waits for the facilitator, then everyone can vote on it', async () => {
    const closed = await request(`/s/${code}/statement`, { method: 'POST', cookie: visitor.cookie, form: { round: '5', text: 'Meer bankjes' } });
    assert.equal(closed.status, 409, 'not while the round is closed');
    assert.equal((await control(code, { action: 'open', round: 4 })).status, 200);
    const empty = await request(`/s/${code}/statement`, { method: 'POST', cookie: visitor.cookie, form: { round: '4', text: '   ' } });
    assert.equal(empty.status, 400);
    assert.match(empty.text, /Schrijf een stelling van 1 tot 200 tekens/);
    const long = await request(`/s/${code}/statement`, { method: 'POST', cookie: visitor.cookie, form: { round: '4', text: 'x'.repeat(201) } });
    assert.equal(long.status, 400);

    const res = await request(`/s/${code}/statement`, { method: 'POST', cookie: visitor.cookie, form: { round: '4', text: 'Meer bankjes <b>langs</b> het water' } });
    assert.equal(res.status, 201);
    assert.match(res.text, /De gespreksleider leest je stelling eerst/);
    const before = await request(`/s/${code}`, { cookie: visitor.cookie });
    assert.doesNotMatch(before.text, /bankjes/, 'not shown before approval');
    assert.doesNotMatch(before.text, /name="vote.p1"/);
    const early = new URLSearchParams([['round', '4'], ['vote.p1', 'agree']]);
    assert.equal((await request(`/s/${code}/answer`, { method: 'POST', cookie: visitor.cookie, form: early })).status, 400, 'not votable before approval');

    assert.equal((await control(code, { action: 'approve_statement', statement: 'p1' })).status, 200);
    const after = await request(`/s/${code}`, { cookie: visitor.cookie });
    assert.match(after.text, /Meer bankjes &lt;b&gt;langs&lt;\/b&gt; het water/);
    assert.match(after.text, /name="vote.p1" value="agree"/);
    const vote = new URLSearchParams([['round', '4'], ['vote.betaalbaar', 'agree'], ['vote.p1', 'agree']]);
    assert.equal((await request(`/s/${code}/answer`, { method: 'POST', cookie: visitor.cookie, form: vote })).status, 303);
    const answers = await exported(code);
    assert.deepEqual(answers.find((a) => a.round === 4).answer, { votes: { betaalbaar: 'agree', p1: 'agree' } });
    // Back to where the next test expects the session: the place round, closed.
    assert.equal((await control(code, { action: 'open', round: 5 })).status, 200);
    assert.equal((await control(code, { action: 'close' })).status, 200);
  });

  test('English with ?lang=en, from the agenda\'s en texts', async () => {
    const res = await request(`/s/${code}?lang=en`, { cookie: visitor.cookie });
    assert.match(res.text, /<html lang="en">/);
    assert.match(res.text, /Green in the city/);
    assert.match(res.text, /The question is closed/);
  });
});

describe('hostile requests', () => {
  test('a 10 MB body is refused from its head; other types and foreign forms too', async () => {
    const code = await newSession();
    const { port } = new URL(server.url);
    const reply = await new Promise((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port: Number(port) }, () => {
        socket.write(`POST /s/${code}/answer HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
          'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10485760\r\n\r\nrating=4&');
      });
      let data = '';
      socket.on('data', (d) => { data += d; if (data.includes('\r\n\r\n')) { socket.destroy(); resolve(data); } });
      socket.on('error', reject);
      setTimeout(() => { socket.destroy(); resolve(data); }, 5000);
    });
    assert.match(reply, /^HTTP\/1\.1 413 /);
    const json = await post(`${server.url}/s/${code}/answer`, { rating: 4 });
    assert.equal(json.status, 415);
    const foreign = await request(`/s/${code}/answer`, { method: 'POST', form: { round: '0', rating: '4' }, headers: { Origin: 'https://evil.example' } });
    assert.equal(foreign.status, 403);
    assert.equal((await exported(code)).length, 0);
  });
});
