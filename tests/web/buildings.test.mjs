// Real buildings per area on the web (issue 12): the site carries a layer's tiles
// (almere.buildings/index.bin and one file per tile, baked here from the golden test layer with
// 150 m tiles); the viewer fetches the small index at start and then only the tiles its view
// needs, more as the camera turns, and draws them. Nothing of the layer is in the first load.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { PNG } from 'pngjs';
import { appError, binDir, keepLocal, launchChromium, repoRoot, siteDir, startServer, waitFrames } from './harness.mjs';

const VIEWPORT = { width: 1280, height: 720 };
// 600 m (the closest the camera comes) from a point east of the layer, looking east from above
// its east end: the terraced rows and blocks at its west end (tiles x = 2, 3 of 150 m) are behind
// and below the camera.
const START = 'camera=1150,0,600,90,30';
// The view of golden/buildings/real-layer: the whole layer in front of the camera.
const OVERVIEW = 'camera=700,-30,700,25,42';
const LAYER = path.join(repoRoot, 'tests', 'golden', 'buildings', 'real-layer', 'layer.geojson');

let tmp;
let site;
let tiles; // [{ name, cell: [x, y] }] from the index
let server;
let browser;

// The tiles named by index.bin (core/building_tiles.hpp: "ALMI", version, the city's
// fingerprint, source, licence, tile size, covered wijken, then 36 bytes per tile starting with
// its cell).
function readIndex(file) {
  const b = fs.readFileSync(file);
  assert.equal(b.toString('latin1', 0, 4), 'ALMI');
  assert.equal(b.readUInt32LE(4), 2);
  let at = 16;
  const skipText = () => { at += 4 + b.readUInt32LE(at); };
  skipText();
  skipText();
  at += 4;
  const wijken = b.readUInt32LE(at);
  at += 4;
  for (let i = 0; i < wijken; ++i) skipText();
  const count = b.readUInt32LE(at);
  at += 4;
  const out = [];
  for (let i = 0; i < count; ++i, at += 36) {
    const cell = [b.readInt32LE(at), b.readInt32LE(at + 4)];
    out.push({ name: `${cell[0]}_${cell[1]}.bin`, cell });
  }
  return out;
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'almere-buildings-'));
  const bake = spawnSync(path.join(binDir, 'almere-bake'),
    [path.join(repoRoot, 'assets', 'city'), path.join(tmp, 'x.glb'), '--buildings', LAYER, '--tile-size', '150'],
    { encoding: 'utf8' });
  assert.equal(bake.status, 0, bake.stderr);
  site = path.join(tmp, 'site');
  fs.cpSync(siteDir, site, { recursive: true });
  fs.cpSync(path.join(tmp, 'x.buildings'), path.join(site, 'almere.buildings'), { recursive: true });
  // The page says the site carries the tiles (web/index.html, Module.buildingTiles).
  const page = path.join(site, 'index.html');
  const html = fs.readFileSync(page, 'utf8');
  assert.match(html, /buildingTiles:\s*(?:false|!1)/);
  const offered = html.replace(/buildingTiles:\s*(?:false|!1)/, 'buildingTiles:true');
  fs.writeFileSync(page, offered);
  // The server prefers the build's precompressed copy: it must say the same.
  if (fs.existsSync(page + '.gz')) fs.writeFileSync(page + '.gz', zlib.gzipSync(offered));
  tiles = readIndex(path.join(site, 'almere.buildings', 'index.bin'));
  server = await startServer({ site });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

// Opens the viewer at `hash`; `requests` lists the paths fetched under almere.buildings/, in order.
// `budgetMiB`: the page sets Module.buildingTileMiB, the GPU memory loaded tiles may keep beyond
// what the view needs (unset: the viewer's default).
async function openViewer(hash, { missing = [], budgetMiB } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const offsite = [];
  await keepLocal(context, server.url, offsite);
  for (const pattern of missing)
    await context.route(pattern, (route) => route.fulfill({ status: 404, body: 'Not found\n' }));
  if (budgetMiB !== undefined) {
    await context.route((url) => url.pathname === '/', async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace('buildingTiles:true',
        `buildingTiles:true,buildingTileMiB:${budgetMiB}`);
      assert.match(html, /buildingTileMiB/);
      const headers = { ...response.headers() };
      delete headers['content-encoding'];
      delete headers['content-length'];
      await route.fulfill({ response, headers, body: html });
    });
  }
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  const headers = {};
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const p = new URL(r.url()).pathname;
    if (p.startsWith('/almere.buildings/')) requests.push(p.slice('/almere.buildings/'.length));
  });
  page.on('response', (r) => {
    const p = new URL(r.url()).pathname;
    if (p.startsWith('/almere.buildings/')) headers[p] = r.headers();
  });
  await page.goto(`${server.url}/#v=${hash}`);
  await page.waitForFunction(() => window.almereStatus !== 'loading', null, { timeout: 30000, polling: 50 });
  assert.equal(await page.evaluate(() => window.almereStatus), 'ready');
  await page.waitForFunction(() => Module._almere_frame_count() >= 2, null, { timeout: 15000 });
  return { context, page, problems, offsite, requests, headers };
}

// Waits until no request under almere.buildings/ has started for `quietMs` (tiles come a few
// at a time, one onto the GPU per frame).
async function requestsSettled(view, quietMs = 1500, timeoutMs = 20000) {
  const start = Date.now();
  let count = -1;
  let since = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (view.requests.length !== count) {
      count = view.requests.length;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return view.requests.slice();
    }
    await view.page.waitForTimeout(100);
  }
  throw new Error(`tile requests did not settle: ${view.requests}`);
}

const cellOf = (name) => tiles.find((t) => t.name === name)?.cell;

async function canvasPixels(page) {
  return PNG.sync.read(await page.locator('#canvas').screenshot());
}

test('the index first, then only the tiles in view; turning the camera fetches more',
  { timeout: 180000 }, async (t) => {
    assert.ok(tiles.length >= 5, `the test layer in 150 m tiles: ${tiles.length}`);
    const view = await openViewer(START);
    t.after(() => view.context.close());
    const first = await requestsSettled(view);
    assert.equal(first[0], 'index.bin', `the index comes first: ${first}`);
    assert.equal(first.filter((r) => r === 'index.bin').length, 1);
    const fetched = first.slice(1);
    assert.ok(fetched.length >= 1, `tiles in view were fetched: ${first}`);
    assert.ok(fetched.length < tiles.length, `not all ${tiles.length} tiles: ${fetched}`);
    const cameraNow = await view.page.evaluate(() =>
      /camera=([^;]+)/.exec(Module.UTF8ToString(Module.ccall('almere_session_view', 'number', [], [])))[1]);
    if (process.env.ALMERE_SHOTS)
      fs.writeFileSync(path.join(process.env.ALMERE_SHOTS, 'buildings-start.png'), await view.page.screenshot());
    for (const name of fetched) {
      const cell = cellOf(name);
      assert.ok(cell, `${name} is in the index`);
      assert.ok(cell[0] >= 4, `${name} lies behind the camera (${cameraNow}), yet was fetched: ${fetched}`);
    }
    // Served as binary, not sniffed, revalidated (a new bake reuses the tiles' names).
    const h = view.headers['/almere.buildings/' + fetched[0]];
    assert.equal(h['content-type'], 'application/octet-stream');
    assert.equal(h['x-content-type-options'], 'nosniff');
    assert.equal(h['cache-control'], 'no-cache');
    assert.equal(await appError(view.page), '');

    // Turning the camera about (arrow keys) brings the west end into view: its tiles come.
    await view.page.focus('#canvas');
    const yaw = () => view.page.evaluate(() => {
      const v = Module.UTF8ToString(Module.ccall('almere_session_view', 'number', [], []));
      return Number(/camera=([^;]+)/.exec(v)[1].split(',')[3]);
    });
    const startYaw = await yaw();
    await view.page.keyboard.down('ArrowRight');
    await view.page.waitForFunction((y0) => {
      const v = Module.UTF8ToString(Module.ccall('almere_session_view', 'number', [], []));
      const y = Number(/camera=([^;]+)/.exec(v)[1].split(',')[3]);
      return ((y - y0 + 720) % 360) >= 170;
    }, startYaw, { timeout: 20000, polling: 50 });
    await view.page.keyboard.up('ArrowRight');
    await waitFrames(view.page, 3);
    const all = await requestsSettled(view);
    const later = all.slice(first.length);
    assert.ok(later.some((name) => cellOf(name)?.[0] <= 3), `turning west fetched the west end: ${later}`);
    assert.equal(new Set(all).size, all.length, `no file fetched twice: ${all}`);
    assert.deepEqual(view.problems, []);
    assert.deepEqual(view.offsite, []);
  });

// Holds the right arrow key until the camera has turned `degrees` (clockwise) from where it was.
async function turn(view, degrees) {
  const yaw = () => view.page.evaluate(() => {
    const v = Module.UTF8ToString(Module.ccall('almere_session_view', 'number', [], []));
    return Number(/camera=([^;]+)/.exec(v)[1].split(',')[3]);
  });
  const from = await yaw();
  await view.page.focus('#canvas');
  await view.page.keyboard.down('ArrowRight');
  let turned = 0;
  let last = from;
  const start = Date.now();
  while (turned < degrees && Date.now() - start < 30000) {
    await view.page.waitForTimeout(20);
    const now = await yaw();
    turned += ((now - last + 540) % 360) - 180;
    last = now;
  }
  await view.page.keyboard.up('ArrowRight');
  assert.ok(turned >= degrees, `turned ${turned} of ${degrees} degrees`);
  await waitFrames(view.page, 3);
}

test('with no room to spare, tiles out of view are unloaded and fetched again when the camera returns',
  { timeout: 180000 }, async (t) => {
    // Module.buildingTileMiB 0: the viewer keeps only the tiles its view needs (core's
    // tilesToDrop), so turning away frees the tiles behind, and turning back fetches them again.
    const view = await openViewer(START, { budgetMiB: 0 });
    t.after(() => view.context.close());
    const first = (await requestsSettled(view)).slice(1);
    assert.ok(first.length >= 1, `tiles in view were fetched: ${first}`);
    await turn(view, 175);
    const away = (await requestsSettled(view)).slice(1 + first.length);
    assert.ok(away.some((name) => cellOf(name)?.[0] <= 3), `turning west fetched the west end: ${away}`);
    await turn(view, 175);
    const all = await requestsSettled(view);
    const back = all.slice(1 + first.length + away.length);
    // A tile is asked for once until it is unloaded: one fetched again was dropped in between.
    const again = back.filter((name) => first.includes(name) || away.includes(name));
    assert.ok(again.length >= 1,
      `tiles fetched before (${first} | ${away}) were fetched again on returning: ${back}`);
    assert.equal(all.filter((r) => r === 'index.bin').length, 1);
    assert.equal(await appError(view.page), '');
    assert.deepEqual(view.problems, []);
    assert.deepEqual(view.offsite, []);
  });

test('the tiles\' buildings are drawn where the layer covers, and a missing tile is a gap, not an error',
  { timeout: 120000 }, async (t) => {
    // The same view with and without the tiles: without them the covered wijk stands empty (no
    // schematic buildings where real ones belong).
    const view = await openViewer(OVERVIEW);
    t.after(() => view.context.close());
    const fetched = (await requestsSettled(view)).slice(1);
    assert.ok(fetched.length >= 1, 'tiles were fetched');
    const shot = await canvasPixels(view.page);
    const empty = await openViewer(OVERVIEW, { missing: ['**/almere.buildings/*_*.bin'] });
    t.after(() => empty.context.close());
    await requestsSettled(empty);
    const bare = await canvasPixels(empty.page);
    assert.equal(await appError(view.page), '');
    assert.equal(await appError(empty.page), '');
    let differ = 0;
    for (let i = 0; i < shot.data.length; i += 4)
      if (Math.abs(shot.data[i] - bare.data[i]) + Math.abs(shot.data[i + 1] - bare.data[i + 1]) +
          Math.abs(shot.data[i + 2] - bare.data[i + 2]) > 60) ++differ;
    const share = differ / (shot.width * shot.height);
    if (process.env.ALMERE_SHOTS) {
      fs.writeFileSync(path.join(process.env.ALMERE_SHOTS, 'buildings-with-tiles.png'), PNG.sync.write(shot));
      fs.writeFileSync(path.join(process.env.ALMERE_SHOTS, 'buildings-tiles-missing.png'), PNG.sync.write(bare));
    }
    assert.ok(share > 0.03, `the tiles' buildings change ${(share * 100).toFixed(2)} % of the canvas`);
    assert.deepEqual([...view.problems, ...empty.problems], []);
    assert.deepEqual([...view.offsite, ...empty.offsite], []);
  });

test('a site whose page offers tiles but lacks the index: schematic, no tile asked for, no error', { timeout: 60000 }, async (t) => {
  const view = await openViewer(START, { missing: ['**/almere.buildings/index.bin'] });
  t.after(() => view.context.close());
  const asked = await requestsSettled(view);
  assert.deepEqual(asked, ['index.bin']);
  assert.equal(await appError(view.page), '');
  assert.deepEqual(view.problems, []);
});

test('a site without tiles (the page does not offer them) asks for none', { timeout: 60000 }, async (t) => {
  // The ordinary site, as the build makes it: no request under almere.buildings/ at all, so a
  // municipality without a layer sees no failed request in the console.
  const plain = await startServer();
  t.after(() => plain.stop());
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  t.after(() => context.close());
  const asked = [];
  const page = await context.newPage();
  page.on('request', (r) => { if (r.url().includes('almere.buildings')) asked.push(r.url()); });
  await page.goto(`${plain.url}/#v=${OVERVIEW}`);
  await page.waitForFunction(() => window.almereStatus !== 'loading', null, { timeout: 30000, polling: 50 });
  await page.waitForFunction(() => Module._almere_frame_count() >= 3, null, { timeout: 15000 });
  await page.waitForTimeout(1000);
  assert.deepEqual(asked, []);
  assert.equal(await appError(page), '');
});
