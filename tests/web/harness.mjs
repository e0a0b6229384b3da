// Shared helpers for the browser tests (viewer.test.mjs) and the benchmark (bench/web_bench.mjs):
// start almere-server on a free 127.0.0.1 port, launch Debian's Chromium headless with software
// WebGL (SwiftShader), and talk to the viewer's exported wasm functions.
//
// Not a test file itself (node --test only picks up *.test.mjs and friends).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const binDir = process.env.ALMERE_BIN_DIR || path.join(repoRoot, 'build', 'native', 'bin');
export const siteDir = process.env.ALMERE_SITE || path.join(repoRoot, 'build', 'web', 'bin');
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function startOnce(port, timeoutMs, args, env) {
  const bin = path.join(binDir, 'almere-server');
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--web', siteDir, '--port', String(port), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env },
    });
    let out = '', err = '', ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`almere-server did not report ready within ${timeoutMs} ms\n${out}${err}`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      out += d;
      const m = /almere-server: (?:web viewer on|listening on) (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m && !ready) {
        ready = true;
        clearTimeout(timer);
        resolve({ child, url: m[1], output: () => out + err });
      }
    });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code, signal) => {
      if (ready) return;
      clearTimeout(timer);
      const e = new Error(`almere-server exited (${code ?? signal}) before ready:\n${out}${err}`);
      e.portInUse = /in use/.test(err);
      reject(e);
    });
  });
}

// Starts almere-server with its database in a fresh temporary folder (or `dataDir`); resolves to
// { url, dataDir, stop() }. url has no trailing slash. `args` and `env` go to the server.
export async function startServer({ timeoutMs = 10000, args = [], env = {}, dataDir } = {}) {
  dataDir = dataDir || fs.mkdtempSync(path.join(os.tmpdir(), 'almere-web-test-'));
  const bin = path.join(binDir, 'almere-server');
  if (!fs.existsSync(bin)) throw new Error(`no server binary at ${bin} (build first: scripts/build.sh all, or set ALMERE_BIN_DIR)`);
  if (!fs.existsSync(path.join(siteDir, 'index.html'))) throw new Error(`no site at ${siteDir} (set ALMERE_SITE)`);
  let lastError;
  for (let attempt = 0; attempt < 3; ++attempt) {
    // The probe port is released before the server binds it; retry if someone took it meanwhile.
    const port = await freePort();
    try {
      const s = await startOnce(port, timeoutMs, ['--data', dataDir, ...args], env);
      return {
        url: s.url,
        dataDir,
        output: s.output,
        stop: () => stopChild(s.child),
      };
    } catch (e) {
      lastError = e;
      if (!e.portInUse) throw e;
    }
  }
  throw lastError;
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

// ---- The viewer's exported functions (see app/viewer/main_web.cpp). ----

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
