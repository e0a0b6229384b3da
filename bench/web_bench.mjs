#!/usr/bin/env node
// Web viewer benchmark: prints numbers, asserts nothing.
//
//   node bench/web_bench.mjs [--loads N] [--drag-seconds S]
//
// Starts almere-server (ALMERE_BIN_DIR, default build/native/bin) for the site in ALMERE_SITE
// (default build/web/bin) on a free 127.0.0.1 port, drives Debian's headless Chromium (CHROMIUM,
// default /usr/bin/chromium, SwiftShader WebGL: software rendering, so frame times say more about
// the CPU than about a GPU) at 1280x720 and measures:
//   1. time to city visible: window.almereFirstFrameMs (performance.now() when the first frame
//      with the city is drawn, i.e. ms since performance.timeOrigin = navigation start), median of
//      N fresh page loads, a new browser context each;
//   2. frame intervals while orbiting: left-button mouse drag for S seconds, requestAnimationFrame
//      intervals measured in the page (median, p95, share <= 16.7 ms), frames counted by
//      almere_frame_count(), and the page's main-thread time per drawn frame (each rAF callback
//      timed; SwiftShader's drawing in the GPU process is not in it);
//   3. bytes transferred per page load: sum of response body sizes as sent (after HTTP
//      compression), from the same N loads, with a per-file breakdown.
// Prints one JSON object per measurement (one line each), then a human-readable summary, and
// writes all of it to bench/out/web_bench.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  frameCount, launchChromium, siteDir, startServer, wijkScreenPosition,
} from '../tests/web/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? Number(args[i + 1]) : fallback;
};
const LOADS = option('--loads', 5);
const DRAG_SECONDS = option('--drag-seconds', 3);
const VIEWPORT = { width: 1280, height: 720 };

// Every request that is not for 127.0.0.1 goes to a closed local port and fails (Chromium never
// sends loopback through a proxy), without Playwright request interception, which would add a round trip to
// every request and skew the load times.
const LOCAL_ONLY_ARGS = ['--proxy-server=http://127.0.0.1:9'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
// Nearest-rank percentile.
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const round = (x, digits = 1) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);
const kib = (bytes) => round(bytes / 1024, 1);

async function loadOnce(browser, url) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    const finished = [];
    const problems = [];
    page.on('requestfinished', (r) => finished.push(r));
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(url + '/');
    await page.waitForFunction(() => window.almereStatus !== 'loading', null, { timeout: 60000, polling: 20 });
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource');
      const byName = (suffix) => res.find((e) => e.name.endsWith(suffix));
      return {
        status: window.almereStatus,
        firstFrameMs: window.almereFirstFrameMs - (nav ? nav.startTime : 0),
        responseEndMs: nav?.responseEnd,
        domContentLoadedMs: nav?.domContentLoadedEventEnd,
        jsWaitMs: byName('/almere2050.js') ? byName('/almere2050.js').responseStart - byName('/almere2050.js').requestStart : undefined,
        jsResponseEndMs: byName('/almere2050.js')?.responseEnd,
        wasmResponseEndMs: byName('/almere2050.wasm')?.responseEnd,
        dataResponseEndMs: byName('/almere2050.data')?.responseEnd,
        frames: window.Module?._almere_frame_count ? Module._almere_frame_count() : null,
      };
    });
    // Let late requests (e.g. /favicon.ico) finish before counting bytes.
    await page.waitForTimeout(300);
    const resources = [];
    for (const r of finished) {
      const sizes = await r.sizes();
      const response = await r.response();
      resources.push({
        url: r.url().replace(url, ''),
        status: response?.status(),
        encoding: response?.headers()['content-encoding'] || 'identity',
        bodyBytes: sizes.responseBodySize,
        headerBytes: sizes.responseHeadersSize,
      });
    }
    return { timing, resources, problems };
  } finally {
    await context.close();
  }
}

async function orbit(browser, url) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    // Times every requestAnimationFrame callback (the app's main loop is one) while recording:
    // the page's own main-thread work per frame, which the vsync-quantised intervals hide.
    await page.addInitScript(() => {
      window.__benchCallbackMs = [];
      window.__benchCosting = false;
      const raf = window.requestAnimationFrame.bind(window);
      window.requestAnimationFrame = (cb) => raf((t) => {
        const start = performance.now();
        try { cb(t); } finally {
          if (window.__benchCosting) window.__benchCallbackMs.push(performance.now() - start);
        }
      });
    });
    await page.goto(url + '/');
    await page.waitForFunction(() => window.almereStatus === 'ready', null, { timeout: 60000, polling: 50 });
    await page.waitForTimeout(1000); // settle after the first frame
    const before = await wijkScreenPosition(page, 'WK003417');
    // Start the in-page rAF recorder.
    await page.evaluate(() => {
      window.__benchRaf = [];
      window.__benchRecording = true;
      const tick = (t) => {
        if (!window.__benchRecording) return;
        window.__benchRaf.push(t);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    // Drag on the map (below the city centre, clear of the ImGui panels): a slow back-and-forth
    // sweep left-right with a little up-down, as a user orbiting the city would.
    const cx = 640, cy = 420;
    await page.mouse.move(cx, cy);
    const framesStart = await frameCount(page);
    const inPageStart = await page.evaluate(() => { window.__benchCosting = true; return performance.now(); });
    await page.mouse.down({ button: 'left' });
    const t0 = Date.now();
    let moves = 0;
    for (;;) {
      const t = (Date.now() - t0) / 1000;
      if (t >= DRAG_SECONDS) break;
      const phase = (2 * Math.PI * t) / DRAG_SECONDS;
      await page.mouse.move(cx + 220 * Math.sin(phase), cy + 40 * Math.sin(2 * phase));
      ++moves;
    }
    await page.mouse.up({ button: 'left' });
    const inPageEnd = await page.evaluate(() => { window.__benchCosting = false; return performance.now(); });
    const callbackMs = await page.evaluate(() => window.__benchCallbackMs);
    const framesEnd = await frameCount(page);
    const stamps = await page.evaluate(() => { window.__benchRecording = false; return window.__benchRaf; });
    const after = await wijkScreenPosition(page, 'WK003417');
    const window_ = stamps.filter((t) => t >= inPageStart && t <= inPageEnd);
    const intervals = [];
    for (let i = 1; i < window_.length; ++i) intervals.push(window_[i] - window_[i - 1]);
    const seconds = (inPageEnd - inPageStart) / 1000;
    return {
      seconds, moves, intervals, framesStart, framesEnd, callbackMs,
      viewChanged: !before || !after || Math.hypot(after.x - before.x, after.y - before.y) > 1,
      centrumBefore: before, centrumAfter: after,
    };
  } finally {
    await context.close();
  }
}

async function main() {
  const server = await startServer();
  const browser = await launchChromium(LOCAL_ONLY_ARGS);
  const results = [];
  const emit = (obj) => { results.push(obj); console.log(JSON.stringify(obj)); };
  try {
    const probe = await browser.newPage();
    const renderer = await probe.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      const ext = gl && gl.getExtension('WEBGL_debug_renderer_info');
      return gl ? (ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)) : 'no WebGL2';
    });
    await probe.close();
    emit({
      measurement: 'environment', chromium: browser.version(), webgl_renderer: renderer,
      cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model, node: process.version,
      loadavg_1m_before: round(os.loadavg()[0], 2),
      site: siteDir, viewport: VIEWPORT,
    });

    // 1 + 3: fresh page loads.
    const loads = [];
    for (let i = 0; i < LOADS; ++i) loads.push(await loadOnce(browser, server.url));
    const firstFrame = loads.map((l) => l.timing.firstFrameMs);
    emit({
      measurement: 'time_to_city_visible_ms',
      definition: 'almereFirstFrameMs - navigation startTime (performance.timeOrigin based), fresh context per load',
      loads: LOADS,
      median: round(median(firstFrame)), min: round(Math.min(...firstFrame)), max: round(Math.max(...firstFrame)),
      runs: firstFrame.map((x) => round(x)),
      median_js_wait_ms: round(median(loads.map((l) => l.timing.jsWaitMs))),
      median_js_response_end_ms: round(median(loads.map((l) => l.timing.jsResponseEndMs))),
      median_wasm_response_end_ms: round(median(loads.map((l) => l.timing.wasmResponseEndMs))),
      median_data_response_end_ms: round(median(loads.map((l) => l.timing.dataResponseEndMs))),
      statuses: [...new Set(loads.map((l) => l.timing.status))],
      problems: loads.flatMap((l) => l.problems),
    });

    const totals = loads.map((l) => l.resources.reduce((s, r) => s + Math.max(0, r.bodyBytes), 0));
    emit({
      measurement: 'bytes_per_page_load',
      definition: 'sum of response body sizes as transferred (after content-encoding), headers excluded',
      median_bytes: median(totals), median_kib: kib(median(totals)),
      runs: totals,
      header_bytes: loads[0].resources.reduce((s, r) => s + Math.max(0, r.headerBytes), 0),
      resources: loads[0].resources.map((r) => ({ url: r.url, status: r.status, encoding: r.encoding, bytes: r.bodyBytes })),
    });

    // 2: orbiting.
    const o = await orbit(browser, server.url);
    const ivs = o.intervals;
    const appFrames = o.framesEnd - o.framesStart;
    emit({
      measurement: 'frame_interval_while_orbiting',
      definition: 'requestAnimationFrame intervals in the page during a left-button mouse drag',
      drag_seconds: round(o.seconds, 2), mouse_moves: o.moves, intervals: ivs.length,
      median_ms: round(median(ivs)), p95_ms: round(percentile(ivs, 95)), max_ms: round(Math.max(...ivs)),
      share_le_16_7ms: round(ivs.filter((x) => x <= 16.7).length / Math.max(1, ivs.length), 3),
      raf_fps: round(ivs.length / o.seconds),
      app_frames: appFrames, app_fps: round(appFrames / o.seconds),
      // Callbacks over 1 ms are the frames the app drew (an idle tick returns at once).
      main_thread_ms_per_drawn_frame: round(median(o.callbackMs.filter((x) => x > 1)), 2),
      main_thread_ms_total: round(o.callbackMs.reduce((a, x) => a + x, 0)),
      view_changed: o.viewChanged,
    });
  } finally {
    await browser.close();
    await server.stop();
  }
  // Software rendering shares the CPUs with everything else: a 1-minute load average near or
  // above the CPU count means the numbers are inflated by other work.
  results[0].loadavg_1m_after = round(os.loadavg()[0], 2);

  const by = Object.fromEntries(results.map((r) => [r.measurement, r]));
  const t = by.time_to_city_visible_ms, b = by.bytes_per_page_load, f = by.frame_interval_while_orbiting, env = by.environment;
  console.log('');
  console.log(`Web viewer benchmark (${env.chromium}, ${env.webgl_renderer}, ${env.cpus} CPUs, ${VIEWPORT.width}x${VIEWPORT.height})`);
  console.log(`  load average (1 min) : ${env.loadavg_1m_before} before, ${env.loadavg_1m_after} after`);
  console.log(`  time to city visible : median ${t.median} ms over ${t.loads} fresh loads (min ${t.min}, max ${t.max})`);
  console.log(`      medians: almere2050.js waited ${t.median_js_wait_ms} ms for its first byte, done at ${t.median_js_response_end_ms} ms; ` +
    `.wasm done at ${t.median_wasm_response_end_ms} ms, .data at ${t.median_data_response_end_ms} ms`);
  console.log(`  orbiting (${f.drag_seconds} s drag): rAF interval median ${f.median_ms} ms, p95 ${f.p95_ms} ms, ` +
    `${(100 * f.share_le_16_7ms).toFixed(1)}% <= 16.7 ms; app drew ${f.app_frames} frames (${f.app_fps} fps), ` +
    `main thread median ${f.main_thread_ms_per_drawn_frame} ms a drawn frame` +
    (f.view_changed ? '' : '  [view did NOT change: drag not applied?]'));
  console.log(`  bytes per page load  : ${b.median_bytes} B (${b.median_kib} KiB) in response bodies`);
  for (const r of b.resources) console.log(`      ${String(r.bytes).padStart(9)} B  ${r.encoding.padEnd(8)} ${r.status} ${r.url}`);
  if (t.problems.length) console.log(`  problems during loads: ${t.problems.join('; ')}`);

  const outDir = path.join(here, 'out');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'web_bench.json'), JSON.stringify(results, null, 2) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
