// Shared by the sessions_*.test.mjs files: an agenda with one round of every kind, a content
// pack holding it, a server started on it, and small clients for the API and its event stream
// (Server-Sent Events read from fetch's body). Not a test file itself.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventStream, get, post, repoRoot, startServer } from './harness.mjs';

const text = (nl) => ({ nl, en: `${nl} (en)` });
const source = (chapter) => text(`Ontwerp Omgevingsvisie Almere 2050, hoofdstuk ${chapter}`);
export const agenda = {
  id: 'alles',
  title: text('Alle vragen'),
  rounds: [
    { id: 'mening', title: text('Pampus'), intro: text('Kijk naar Pampus.'),
      view: { plan_state: 'plans=pampus;phase=2050', camera: [-4000, 1000, 6000, 0, 55] },
      question: { kind: 'rating', text: text('Wat vindt u ervan?'), source: source('5d') } },
    { id: 'keuze', title: text('Keuze'), intro: text('Kies er een.'), view: { plan_state: '' },
      question: { kind: 'choice', text: text('Wat eerst?'), source: source('3'), multiple: false,
        options: [{ id: 'groen', text: text('Meer groen') }, { id: 'huizen', text: text('Huizen') }] } },
    { id: 'stellingen', title: text('Stellingen'), intro: text('Eens of oneens?'), view: { plan_state: '' },
      question: { kind: 'statements', text: text('Wat vindt u?'), source: source('5a'),
        statements: [{ id: 's1', text: text('Almere moet groener') }, { id: 's2', text: text('Meer bussen') }] } },
    { id: 'plek', title: text('Plek'), intro: text('Waar?'), view: { plan_state: '' },
      question: { kind: 'place', text: text('Waar wilt u groen?'), source: source('5b') } },
    { id: 'reactie', title: text('Reactie'), intro: text('Zeg het maar.'), view: { plan_state: '' },
      question: { kind: 'comment', text: text('Wat wilt u nog kwijt?'), source: source('7') } },
  ],
};
export const ROUND = { rating: 0, choice: 1, statements: 2, place: 3, comment: 4 };

export function assetsWithAgenda() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'almere-sessions-assets-'));
  fs.mkdirSync(path.join(dir, 'feedback'));
  fs.copyFileSync(path.join(repoRoot, 'assets', 'feedback', 'form.json'),
    path.join(dir, 'feedback', 'form.json'));
  fs.mkdirSync(path.join(dir, 'sessions'));
  fs.writeFileSync(path.join(dir, 'sessions', 'alles.json'), JSON.stringify(agenda));
  return dir;
}

// A server on the agenda above, with helpers bound to it. `dataDir`: reuse one (restarts).
export async function sessionServer({ dataDir, env, args = [] } = {}) {
  const assets = assetsWithAgenda();
  const server = await startServer({ args: ['--assets', assets, ...args],
    ...(dataDir ? { dataDir } : {}), ...(env ? { env } : {}) });
  const key = fs.readFileSync(path.join(server.dataDir, 'facilitator-key'), 'utf8').trim();
  const facilitator = { 'X-Almere-Facilitator-Key': key };
  const admin = { Authorization: `Bearer ${server.token}` };
  const api = (code, rest = '') => `${server.url}/api/sessions/${code}${rest}`;
  return {
    server, key, facilitator, admin, api,
    async newSession() {
      const res = await post(`${server.url}/api/sessions`, { agenda: 'alles' }, { headers: facilitator });
      assert.equal(res.status, 201, res.text);
      return res.json;
    },
    control: (code, body) => post(api(code, '/control'), body, { headers: facilitator }),
    answer: (code, participant, round, value) =>
      post(api(code, '/answers'), { participant, round, answer: value }),
    async join(code) {
      const res = await post(api(code, '/participants'), '', { contentType: null });
      assert.equal(res.status, 201, res.text);
      return res.json.participant;
    },
    state: async (code) => (await get(api(code))).json,
    results: async (code) => (await get(api(code, '/results'), facilitator)).json,
  };
}

// Opens GET url as an event stream. Resolves once the head is in, to
// { status, headers, events: [{id, event, data, state, at}], comments: [...], next(timeoutMs),
//   closed (resolves once it ends), clean (true if the server ended it properly), close() }.
export async function openEvents(url) {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal, headers: { Accept: 'text/event-stream' } });
  const stream = { status: res.status, headers: res.headers, events: [], comments: [], waiters: [] };
  const deliver = () => {
    while (stream.waiters.length && stream.events.length > stream.waiters[0].index) {
      const w = stream.waiters.shift();
      w.resolve(stream.events[w.index]);
    }
  };
  stream.closed = (async () => {
    if (!res.body) return;
    try {
      for await (const { comments, ...event } of eventStream(res.body)) {
        stream.comments.push(...comments);
        if (event.data !== undefined) {
          event.state = JSON.parse(event.data);
          event.at = performance.now();
          stream.events.push(event);
        }
        deliver();
      }
      stream.clean = true; // the last chunk came: the server ended it
    } catch { stream.clean = false; /* aborted, or the connection broke */ }
    for (const w of stream.waiters) w.reject(new Error('stream ended'));
    stream.waiters = [];
    return 'ended';
  })();
  let read = 0;
  // The next event not returned before; rejects after timeoutMs or when the stream ends.
  stream.next = (timeoutMs = 2000) => new Promise((resolve, reject) => {
    const index = read++;
    const timer = setTimeout(() => reject(new Error(`no event #${index} within ${timeoutMs} ms`)), timeoutMs);
    stream.waiters.push({
      index,
      resolve: (e) => { clearTimeout(timer); resolve(e); },
      reject: (e) => { clearTimeout(timer); reject(e); },
    });
    deliver();
  });
  stream.close = () => controller.abort();
  return stream;
}
