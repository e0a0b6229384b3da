#!/usr/bin/env node
// Benchmark of Burgerberaad live state (issue 9): --participants simulated phones on 127.0.0.1
// join a session and long-poll its state (GET /api/sessions/CODE?since=V, each on its own
// keep-alive connection); the facilitator opens --rounds rounds, each with a new view, and every
// participant answers each round. Measures how long each view change takes to reach every
// participant (p50/p95/max), answers per second, the server's CPU time and memory, and the
// reactions API's latency (a post every 20 ms) meanwhile.
//   node bench/session_bench.mjs [--participants 200] [--rounds 10]
// Budget: a facilitator's change reaches all participants within 500 ms (p95).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { get, post, reaction, repoRoot, startServer } from '../tests/server/harness.mjs';

const options = { participants: 200, rounds: 10 };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (!(key in options) || !/^\d+$/.test(process.argv[i + 1] ?? '')) {
    console.error('usage: node bench/session_bench.mjs [--participants N] [--rounds N]');
    process.exit(2);
  }
  options[key] = Number(process.argv[i + 1]);
}
// Node's fetch opens as many connections to one origin as requests are in flight: one per
// waiting participant, as phones have.

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
const cpuOf = (pid) => {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, in clock ticks of 10 ms
};
const rssMiB = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

const code = (await post(`${server.url}/api/sessions`, { agenda: 'bench' }, { headers })).json.code;
const ids = [];
for (let i = 0; i < options.participants; ++i)
  ids.push((await post(`${server.url}/api/sessions/${code}/participants`, '', { contentType: null })).json.participant);

// Each participant: poll, and when a new view arrives note the time and answer the round.
const seen = new Map(); // view -> [ms when each participant saw it]
let answers = 0;
let running = true;
async function participant(id) {
  let version = (await get(`${server.url}/api/sessions/${code}`)).json.version;
  let answered = -1;
  while (running) {
    const res = await get(`${server.url}/api/sessions/${code}?since=${version}`);
    if (res.status !== 200) continue;
    const state = res.json;
    version = state.version;
    if (state.view) {
      if (!seen.has(state.view)) seen.set(state.view, []);
      const list = seen.get(state.view);
      if (!list.includes(id)) { list.push(id); list[`t${id}`] = performance.now(); }
    }
    if (state.state === 'open' && state.round !== answered) {
      answered = state.round;
      const a = await post(`${server.url}/api/sessions/${code}/answers`,
        { participant: id, round: state.round, answer: { rating: 1 + (answers % 5) } });
      if (a.status === 201) ++answers;
    }
  }
}
const phones = ids.map((id) => participant(id));

const reactionLatencies = [];
let posting = true;
const poster = (async () => {
  while (posting) {
    const t = performance.now();
    const r = await post(`${server.url}/api/reactions`, reaction());
    if (r.status === 201) reactionLatencies.push(performance.now() - t);
    await new Promise((res) => setTimeout(res, 20));
  }
})();

await new Promise((r) => setTimeout(r, 1000));
const cpuBefore = cpuOf(server.child.pid);
const delays = [];
const start = performance.now();
for (let round = 0; round < options.rounds; ++round) {
  const view = `plans=pampus;phase=2050;round=${round}`;
  const sent = performance.now();
  await post(`${server.url}/api/sessions/${code}/control`, { action: 'open', round, view }, { headers });
  const deadline = performance.now() + 5000;
  while ((seen.get(view)?.length ?? 0) < ids.length && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 5));
  const list = seen.get(view) ?? [];
  for (const id of list) delays.push(list[`t${id}`] - sent);
  for (let missing = list.length; missing < ids.length; ++missing) delays.push(Infinity);
  await new Promise((r) => setTimeout(r, 300)); // answers come in
  await post(`${server.url}/api/sessions/${code}/control`, { action: 'close' }, { headers });
}
const seconds = (performance.now() - start) / 1000;
const cpu = cpuOf(server.child.pid) - cpuBefore;
const rss = rssMiB(server.child.pid);
running = false;
posting = false;
await post(`${server.url}/api/sessions/${code}/control`, { action: 'end' }, { headers });
await Promise.all([...phones, poster]);
await server.stop();

const pct = (list, p) => { const s = [...list].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const result = {
  participants: options.participants, rounds: options.rounds,
  propagation_ms: { p50: pct(delays, 0.5), p95: pct(delays, 0.95), max: Math.max(...delays) },
  answers, answers_per_s: answers / seconds,
  server_cpu_s: cpu, server_rss_mib: rss,
  reactions_ms: { p50: pct(reactionLatencies, 0.5), p99: pct(reactionLatencies, 0.99), n: reactionLatencies.length },
};
console.log(`${options.participants} participants, ${options.rounds} rounds in ${seconds.toFixed(1)} s`);
console.log(`view change to every participant: p50 ${result.propagation_ms.p50.toFixed(1)} ms, p95 ${result.propagation_ms.p95.toFixed(1)} ms, max ${result.propagation_ms.max.toFixed(1)} ms`);
console.log(`answers: ${answers} (${result.answers_per_s.toFixed(0)}/s); server CPU ${cpu.toFixed(2)} s, memory ${rss.toFixed(1)} MiB`);
console.log(`reactions API meanwhile: p50 ${result.reactions_ms.p50.toFixed(2)} ms, p99 ${result.reactions_ms.p99.toFixed(2)} ms over ${result.reactions_ms.n} posts`);
console.log(`budget (p95 <= 500 ms): ${result.propagation_ms.p95 <= 500 ? 'met' : 'missed'}`);
console.log(JSON.stringify(result));
