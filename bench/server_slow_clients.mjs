#!/usr/bin/env node
// Benchmark: how residents' requests fare while slow and idle clients hold connections open.
// Starts almere-server on 127.0.0.1 (tests/server/harness.mjs), opens --idle connections that
// never send a byte and --slow ones that trickle a header line every --trickle-ms, then times
// --requests GETs of /api/summary and POSTs of reactions, one after another, on fresh
// connections. Finally times SIGTERM to exit with all of them still open, and reports the
// server's memory.
//   node bench/server_slow_clients.mjs [--slow 300] [--idle 1000] [--requests 200] [--trickle-ms 500]
// Prints a table and one JSON line; budget: every request answered within 1 s.
import fs from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { get, post, reaction, startServer } from '../tests/server/harness.mjs';

const options = { slow: 300, idle: 1000, requests: 200, 'trickle-ms': 500 };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (!(key in options) || !/^\d+$/.test(process.argv[i + 1] ?? '')) {
    console.error('usage: node bench/server_slow_clients.mjs [--slow N] [--idle N] [--requests N] [--trickle-ms N]');
    process.exit(2);
  }
  options[key] = Number(process.argv[i + 1]);
}

const rssMiB = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

const server = await startServer({ args: ['--rate-limit', '0', '--address-limit', '0'] });
const port = Number(new URL(server.url).port);
const rssStart = rssMiB(server.child.pid);
const sockets = [];
const open = () => new Promise((resolve) => {
  const s = net.connect({ host: '127.0.0.1', port }, () => resolve(s));
  s.on('error', () => {});
  sockets.push(s);
});
for (let i = 0; i < options.idle; ++i) await open();
const slow = [];
for (let i = 0; i < options.slow; ++i) {
  const s = await open();
  s.write('POST /api/reactions HTTP/1.1\r\nHost: bench\r\n');
  slow.push(s);
}
// A slow client is cut off by the server's header deadline; it then connects again, as an
// attacker would, so the pressure stays on for the whole run.
let reconnects = 0;
const trickle = setInterval(async () => {
  for (let i = 0; i < slow.length; ++i) {
    if (slow[i].destroyed || slow[i].readyState !== 'open') {
      ++reconnects;
      slow[i] = await open();
      slow[i].write('POST /api/reactions HTTP/1.1\r\nHost: bench\r\n');
    } else {
      slow[i].write(`X-Slow: ${i}\r\n`);
    }
  }
}, options['trickle-ms']);
await sleep(1000);

const timings = { get: [], post: [] };
let errors = 0;
for (let i = 0; i < options.requests; ++i) {
  let start = performance.now();
  if ((await get(`${server.url}/api/summary`)).status !== 200) ++errors;
  timings.get.push(performance.now() - start);
  start = performance.now();
  if ((await post(`${server.url}/api/reactions`, reaction())).status !== 201) ++errors;
  timings.post.push(performance.now() - start);
}
clearInterval(trickle);
const rssLoaded = rssMiB(server.child.pid);
const stopStart = performance.now();
const exitCode = await server.stop('SIGTERM');
const stopMs = performance.now() - stopStart;
for (const s of sockets) s.destroy();

const rows = Object.entries(timings).map(([what, list]) => {
  const sorted = [...list].sort((a, b) => a - b);
  return { what, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted.at(-1) };
});
console.log(`slow ${options.slow}, idle ${options.idle}, ${options.requests} requests of each kind`);
console.log('request   p50_ms   p99_ms   max_ms');
for (const r of rows) console.log(`${r.what.padEnd(8)} ${r.p50.toFixed(2).padStart(7)} ${r.p99.toFixed(2).padStart(8)} ${r.max.toFixed(2).padStart(8)}`);
console.log(`errors ${errors}; slow clients cut off and reconnected ${reconnects}; server memory ${rssStart.toFixed(1)} -> ${rssLoaded.toFixed(1)} MiB; SIGTERM to exit ${stopMs.toFixed(0)} ms (exit ${exitCode})`);
const worst = Math.max(...rows.map((r) => r.max));
console.log(`budget (every request within 1 s): ${worst <= 1000 && errors === 0 ? 'met' : 'missed'}`);
console.log(JSON.stringify({ ...options, rows, errors, reconnects, rssStartMiB: rssStart, rssLoadedMiB: rssLoaded, stopMs, exitCode }));
