// The viewer in another site's iframe (issue 10): ?embed=1 on a participation page. The server
// says which sites may frame it (Content-Security-Policy: frame-ancestors, almere-server
// --frame-ancestors; default 'self'). A second local HTTP server on another port is "the
// municipality's page" (another origin): allowed, the viewer runs in its iframe; not allowed,
// Chromium refuses the frame.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { binDir, launchChromium, repoRoot, siteDir, startServer, targetPosition } from './harness.mjs';

let browser;
let host; // the embedding page's server
let hostUrl;
let viewerUrl = ''; // set per test: the viewer the host page frames

before(async () => {
  browser = await launchChromium();
  host = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Participatie</title></head>
<body><h1>Doe mee</h1>
<iframe id="viewer" title="Almere 2050 in 3D" src="${viewerUrl}/?embed=1" width="960" height="600"
  allow="fullscreen"></iframe></body></html>`);
  });
  await new Promise((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${host.address().port}`;
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => host?.close(resolve));
});

async function openHostPage() {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  const console = [];
  page.on('console', (m) => console.push(m.text()));
  await page.goto(hostUrl + '/');
  const frame = await (await page.waitForSelector('#viewer')).contentFrame();
  return { context, page, frame, console };
}

test('embed: the header holds the allowlist, on the pages only', async (t) => {
  const server = await startServer({ args: ['--frame-ancestors', `'self' ${'https://*.almere.nl'}`] });
  t.after(() => server.stop());
  for (const path of ['/', '/index.html']) {
    const res = await fetch(server.url + path);
    assert.equal(res.headers.get('content-security-policy'), "frame-ancestors 'self' https://*.almere.nl", path);
    assert.equal(res.headers.get('x-frame-options'), null, 'no X-Frame-Options: it cannot hold an allowlist');
  }
  assert.equal((await fetch(server.url + '/almere2050.js')).headers.get('content-security-policy'), null);
  const plain = await startServer();
  t.after(() => plain.stop());
  assert.equal((await fetch(plain.url + '/')).headers.get('content-security-policy'), "frame-ancestors 'self'");
});

test('embed: a list that could break the header is refused at start', () => {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'almere-embed-'));
  for (const list of ["'self'; script-src *", "'self', https://x.nl", 'https://x.nl\r\nSet-Cookie: a=b', '']) {
    const run = spawnSync(path.join(binDir, 'almere-server'), ['--port', '0', '--data', data,
      '--assets', path.join(repoRoot, 'assets'), '--web', siteDir, '--frame-ancestors', list],
    { encoding: 'utf8', timeout: 10000 });
    assert.equal(run.status, 2, `exit status for ${JSON.stringify(list)}: ${run.stderr}`);
    assert.match(run.stderr, /--frame-ancestors/);
  }
  fs.rmSync(data, { recursive: true, force: true });
});

test('embed: a site in the allowlist shows the viewer in its iframe, with the sources line', { timeout: 90000 }, async (t) => {
  const server = await startServer({ args: ['--frame-ancestors', `'self' ${hostUrl}`] });
  t.after(() => server.stop());
  viewerUrl = server.url;
  const { context, page, frame } = await openHostPage();
  t.after(() => context.close());
  await frame.waitForFunction(() => window.almereStatus && window.almereStatus !== 'loading', null, { timeout: 30000, polling: 50 });
  assert.equal(await frame.evaluate(() => window.almereStatus), 'ready');
  // It runs: frames keep coming as the pointer moves over the map in the frame.
  await frame.waitForFunction(() => Module._almere_frame_count() >= 2, null, { timeout: 15000 });
  const frames = await frame.evaluate(() => Module._almere_frame_count());
  const box = await (await page.$('#viewer')).boundingBox();
  await page.mouse.move(box.x + 500, box.y + 400);
  await page.mouse.move(box.x + 560, box.y + 420, { steps: 5 });
  await frame.waitForFunction((n) => Module._almere_frame_count() > n, frames, { timeout: 15000 });
  // Title folded away; the credits (a licence duty) stay as a short line that opens them.
  const line = await targetPosition(frame, 'embed.attribution');
  assert.ok(line, 'the attribution line is drawn');
  assert.ok(line.x > 480 && line.y > 500, `bottom right of the 960x600 frame (${JSON.stringify(line)})`);
  assert.ok(await targetPosition(frame, 'reading.button'), 'the reading help is there too');
  fs.mkdirSync(path.join(repoRoot, 'tests', 'web', 'out'), { recursive: true });
  await page.screenshot({ path: path.join(repoRoot, 'tests', 'web', 'out', 'embed.png') });
});

test('embed: a site not in the allowlist is refused the frame', { timeout: 60000 }, async (t) => {
  const server = await startServer(); // default: 'self' only
  t.after(() => server.stop());
  viewerUrl = server.url;
  const { context, page, frame, console } = await openHostPage();
  t.after(() => context.close());
  await page.waitForTimeout(2000);
  // Chromium puts its own error page in the frame: no viewer runs there.
  const url = frame.url();
  assert.ok(!url.startsWith(server.url), `the frame is not the viewer (${url})`);
  assert.equal(await frame.evaluate(() => typeof window.Module).catch(() => 'undefined'), 'undefined');
  assert.ok(console.some((text) => /frame-ancestors/.test(text)), `a CSP violation was reported: ${console.join(' | ')}`);
});
