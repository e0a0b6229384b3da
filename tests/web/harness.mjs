// Shared helpers for the browser tests (viewer.test.mjs) and the benchmark (bench/web_bench.mjs):
// start almere-server on a free 127.0.0.1 port, launch Debian's Chromium headless with software
// WebGL (SwiftShader), and talk to the viewer's exported wasm functions.
//
// Not a test file itself (node --test only picks up *.test.mjs and friends).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { startServer as startApiServer } from '../server/harness.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const binDir = process.env.ALMERE_BIN_DIR || path.join(repoRoot, 'build', 'native', 'bin');
export const siteDir = process.env.ALMERE_SITE || path.join(repoRoot, 'build', 'web', 'bin');
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

// Starts almere-server for the site (tests/server/harness.mjs: --port 0, a fresh temporary data
// folder unless `dataDir` is given); resolves to { url, dataDir, output(), stop() }. url has no
// trailing slash. `args` and `env` go to the server; `site` serves another copy of the site.
export async function startServer({ timeoutMs = 10000, args = [], env = {}, dataDir, site = siteDir } = {}) {
  const bin = path.join(binDir, 'almere-server');
  if (!fs.existsSync(bin)) throw new Error(`no server binary at ${bin} (build first: scripts/build.sh all, or set ALMERE_BIN_DIR)`);
  if (!fs.existsSync(path.join(site, 'index.html'))) throw new Error(`no site at ${site} (set ALMERE_SITE)`);
  const s = await startApiServer({ bin, dataDir, args: ['--web', site, ...args], env, timeoutMs });
  return { url: s.url, dataDir: s.dataDir, output: s.output, stop: () => stopChild(s.child) };
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const hard = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => { clearTimeout(hard); resolve(); });
    child.kill('SIGTERM');
  });
}

export function launchChromium(extraArgs = []) {
  if (!fs.existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath} (set CHROMIUM)`);
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

// Aborts every request that does not go to the local server and records it.
export async function keepLocal(context, baseUrl, offsite) {
  await context.route((url) => !url.href.startsWith(baseUrl + '/'), (route) => {
    offsite.push(route.request().url());
    return route.abort();
  });
}

// The WCAG rules the municipality must meet (issue 10): 2.0/2.1 A and AA, and 2.2 AA.
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// axe-core's violations on the page (or under `selector`), as short "rule: target" lines so a
// failing assertion says what to fix. An empty list means none. The page must come from
// browser.newContext().newPage() (AxeBuilder refuses browser.newPage()).
export async function axeViolations(page, selector) {
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  if (selector) builder = builder.include(selector);
  const result = await builder.analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${n.failureSummary || v.help})`));
}

// ---- The viewer's exported functions (see app/viewer/main_web.cpp). ----

// The centre of a named control of the app (App::targetRect) in CSS pixels, or null when it was
// not drawn in the last frame. `page` may also be a frame (the embed test).
export const targetPosition = (page, name) =>
  page.evaluate((n) => {
    const p = Module.ccall('almere_target_position', 'number', ['string'], [n]);
    return p ? { x: Module.getValue(p, 'double'), y: Module.getValue(p + 8, 'double') } : null;
  }, name);

export const frameCount = (page) => page.evaluate(() => Module._almere_frame_count());

export const selectedCode = (page) =>
  page.evaluate(() => Module.UTF8ToString(Module.ccall('almere_selected_code', 'number', [], [])));

export const appError = (page) =>
  page.evaluate(() => Module.UTF8ToString(Module.ccall('almere_error', 'number', [], [])));

// {x, y} in CSS pixels of the canvas, or null when the wijk is off screen.
export const wijkScreenPosition = (page, code) =>
  page.evaluate((c) => {
    const p = Module.ccall('almere_wijk_screen_position', 'number', ['string'], [c]);
    return p ? { x: Module.getValue(p, 'double'), y: Module.getValue(p + 8, 'double') } : null;
  }, code);

// Waits until the app has drawn at least `frames` more frames.
export async function waitFrames(page, frames, timeoutMs = 15000) {
  const start = await frameCount(page);
  await page.waitForFunction((target) => Module._almere_frame_count() >= target, start + frames,
    { timeout: timeoutMs, polling: 30 });
  return start;
}

export const canvasInfo = (page) =>
  page.evaluate(() => {
    const c = document.getElementById('canvas');
    const r = c.getBoundingClientRect();
    return {
      width: c.width, height: c.height, cssWidth: r.width, cssHeight: r.height,
      dpr: window.devicePixelRatio, innerWidth: window.innerWidth, innerHeight: window.innerHeight,
    };
  });
