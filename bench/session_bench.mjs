#!/usr/bin/env node
// Benchmark of a Burgerberaad evening (issue 9) on 127.0.0.1: --participants simulated phones
// join one session; half follow its live state as Server-Sent Events (GET .../events), half by
// long polling (GET .../CODE?since=V), each on its own connection as phones have. The
// facilitator runs --rounds rounds, each: a view change, open, an answer from everyone (every
// fifth participant then changes it), close, show results (each phone then fetches them).
// Measures:
//   - propagation: from the facilitator's control POST to each participant seeing that version
//     (p50/p95/max, over every control action and participant; SSE and long poll apart too);
//   - answers per second while a round is open (from open until every answer is acknowledged);
//   - the server's CPU seconds (utime + stime from /proc/<pid>/stat) and peak RSS (VmHWM from
//     /proc/<pid>/status) over the run;
//   - the reactions API meanwhile: a POST /api/reactions every 20 ms, p50/p99.
//   node bench/session_bench.mjs [--participants 200] [--rounds 10]
// Budget: a facilitator's change reaches all participants within 500 ms (p95); the reactions
// API's p99 stays under 100 ms.
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { eventStream, get, post, reaction, repoRoot, startServer } from '../tests/server/harness.mjs';

const options = { participants: 200, rounds: 10 };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (!(key in options) || !/^\d+$/.test(process.argv[i + 1] ?? '')) {
    console.error('usage: node bench/session_bench.mjs [--participants N] [--rounds N]');
    process.exit(2);
  }
  options[key] = Number(process.argv[i + 1]);
}

const text = (nl) => ({ nl, en: nl });
const rounds = Array.from({ length: options.rounds }, (_, i) => ({
  id: `r${i}`, title: text(`Ronde ${i}`), intro: text('Bekijk de kaart.'),
  view: { plan_state: 'plans=pampus;phase=2050' },
  question: { kind: 'rating', text: text('Wat vindt u ervan?'), source: text('hoofdstuk 5d') },
}));
const assets = fs.mkdtempSync(path.join(os.tmpdir(), 'almere-session-bench-'));
fs.mkdirSync(path.join(assets, 'feedback'));
fs.copyFileSync(path.join(repoRoot, 'assets/feedback/form.json'), path.join(assets, 'feedback/form.json'));
fs.mkdirSync(path.join(assets, 'sessions'));
fs.writeFileSync(path.join(assets, 'sessions/bench.json'),
  JSON.stringify({ id: 'bench', title: text('Bench'), rounds }));

const server = await startServer({ args: ['--assets', assets, '--rate-limit', '0', '--address-limit', '0'] });
const key = fs.readFileSync(path.join(server.dataDir, 'facilitator-key'), 'utf8').trim();
const headers = { 'X-Almere-Facilitator-Key': key };
const pid = server.child.pid;
const cpuOf = () => {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, in clock ticks of 10 ms
};
const statusKiB = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

const api = (rest = '') => `${server.url}/api/sessions/${code}${rest}`;
const code = (await post(`${server.url}/api/sessions`, { agenda: 'bench' }, { headers })).json.code;
const ids = [];
for (let i = 0; i < options.participants; ++i)
  ids.push((await post(api('/participants'), '', { contentType: null })).json.participant);

// A phone: remembers when each version arrived; answers an open round once (every fifth
// changes its answer once); fetches the results when they are shown.
let acks = 0;
let running = true;
const phones = ids.map((id, i) => ({
  id, sse: i % 2 === 0, arrivals: [], answered: -1, fetched: -1, changes: i % 5 === 0,
}));
function onState(phone, state) {
  phone.arrivals.push([state.version, performance.now()]);
  if (state.state === 'open' && state.round !== phone.answered) {
    phone.answered = state.round;
    (async () => {
      const body = (rating) => ({ participant: phone.id, round: state.round, answer: { rating } });
      if ((await post(api('/answers'), body(1 + (state.round % 5)))).status < 300) ++acks;
      if (phone.changes && (await post(api('/answers'), body(5 - (state.round % 5)))).status === 200) ++acks;
    })();
  }
  if (state.results_shown && state.round !== phone.fetched) {
    phone.fetched = state.round;
    get(api('/results'));
  }
}
async function longPoll(phone) {
  let version = 0;
  while (running) {
    const res = await get(api(`?since=${version}`));
    if (res.status !== 200) { await new Promise((r) => setTimeout(r, 100)); continue; }
    version = res.json.version;
    onState(phone, res.json);
  }
}
async function events(phone) {
  const controller = new AbortController();
  phone.abort = () => controller.abort();
  const res = await fetch(api('/events'), { signal: controller.signal });
  if (res.status !== 200) throw new Error(`events: ${res.status}`);
  try {
    for await (const event of eventStream(res.body)) if (event.data) onState(phone, JSON.parse(event.data));
  } catch { /* aborted at the end */ }
}
const clients = phones.map((p) => (p.sse ? events(p) : longPoll(p)));

// The reactions API is timed from a thread of its own, so that the 200 phones' work on this
// thread's event loop does not count as server latency.
const poster = new Worker(`
const { parentPort, workerData } = require('node:worker_threads');
let posting = true;
const latencies = [];
parentPort.on('message', () => { posting = false; });
(async () => {
  while (posting) {
    const body = JSON.stringify({ ...workerData.reaction, id: crypto.randomUUID() });
    const t = performance.now();
    const r = await fetch(workerData.url, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    await r.text();
    if (r.status === 201) latencies.push(performance.now() - t);
    await new Promise((res) => setTimeout(res, 20));
  }
  parentPort.postMessage(latencies);
})();`, { eval: true, workerData: { url: `${server.url}/api/reactions`, reaction: reaction() } });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const controls = []; // [version, sent]
async function control(body) {
  const sent = performance.now();
  const res = await post(api('/control'), body, { headers });
  if (res.status !== 200) throw new Error(`control ${JSON.stringify(body)}: ${res.status} ${res.text}`);
  controls.push([res.json.version, sent]);
  return res.json.version;
}
const everyoneHas = (version) => phones.every((p) => p.arrivals.length && p.arrivals.at(-1)[0] >= version);
async function until(done, ms = 10000) {
  const deadline = performance.now() + ms;
  while (!done() && performance.now() < deadline) await sleep(2);
}

await until(() => phones.every((p) => p.arrivals.length > 0));
await sleep(500);
const cpuBefore = cpuOf();
const start = performance.now();
let answering = 0; // ms with a round open, until its answers are all in
const changers = phones.filter((p) => p.changes).length;
for (let round = 0; round < options.rounds; ++round) {
  const view = `plans=pampus;phase=2050;camera=-4200,600,9000,${round * 30},55`;
  const viewed = await control({ action: 'view', view });
  await until(() => everyoneHas(viewed));
  const opened = performance.now();
  const before = acks;
  await control({ action: 'open', round });
  await until(() => acks - before >= phones.length + changers, 20000);
  answering += performance.now() - opened;
  await until(() => everyoneHas(controls.at(-1)[0]));
  const closed = await control({ action: 'close' });
  await until(() => everyoneHas(closed));
  const shown = await control({ action: 'show_results' });
  await until(() => everyoneHas(shown));
}
const seconds = (performance.now() - start) / 1000;
const cpu = cpuOf() - cpuBefore;
const peakRss = statusKiB('VmHWM') / 1024;
running = false;
poster.postMessage('stop');
const [reactionLatencies] = await once(poster, 'message');
await poster.terminate();
await control({ action: 'end' });
for (const p of phones) p.abort?.();
await Promise.all(clients);
await server.stop();

// Each control's delay to each phone: the first arrival of that version or a later one.
const delays = { all: [], sse: [], poll: [] };
let missed = 0;
for (const [version, sent] of controls.slice(0, -1)) {
  for (const p of phones) {
    const hit = p.arrivals.find(([v]) => v >= version);
    if (!hit) { ++missed; continue; }
    const ms = Math.max(0, hit[1] - sent);
    delays.all.push(ms);
    delays[p.sse ? 'sse' : 'poll'].push(ms);
  }
}
const pct = (list, p) => { const s = [...list].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN; };
const summary = (list) => ({ p50: pct(list, 0.5), p95: pct(list, 0.95), max: Math.max(...list) });
const result = {
  participants: options.participants, rounds: options.rounds, seconds,
  propagation_ms: summary(delays.all), sse_ms: summary(delays.sse), long_poll_ms: summary(delays.poll), missed,
  answers: acks, answers_per_s: acks / (answering / 1000),
  server_cpu_s: cpu, server_peak_rss_mib: peakRss,
  reactions_ms: { p50: pct(reactionLatencies, 0.5), p99: pct(reactionLatencies, 0.99), n: reactionLatencies.length },
};
const f = (n) => n.toFixed(1);
console.log(`${options.participants} participants (${phones.filter((p) => p.sse).length} SSE, ` +
  `${phones.filter((p) => !p.sse).length} long poll), ${options.rounds} rounds in ${f(seconds)} s`);
console.log(`control POST to each participant: p50 ${f(result.propagation_ms.p50)} ms, p95 ${f(result.propagation_ms.p95)} ms, ` +
  `max ${f(result.propagation_ms.max)} ms (SSE p95 ${f(result.sse_ms.p95)}, long poll p95 ${f(result.long_poll_ms.p95)}; ${missed} missed)`);
console.log(`answers: ${acks} (${result.answers_per_s.toFixed(0)}/s while open); server CPU ${cpu.toFixed(2)} s, peak RSS ${f(peakRss)} MiB`);
console.log(`reactions API meanwhile: p50 ${result.reactions_ms.p50.toFixed(2)} ms, p99 ${result.reactions_ms.p99.toFixed(2)} ms over ${result.reactions_ms.n} posts`);
const met = result.propagation_ms.p95 <= 500 && missed === 0 && result.reactions_ms.p99 < 100;
console.log(`budget (p95 <= 500 ms, none missed, reactions p99 < 100 ms): ${met ? 'met' : 'missed'}`);
console.log(JSON.stringify(result));
