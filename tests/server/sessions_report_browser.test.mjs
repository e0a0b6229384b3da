// Burgerberaad sessions (issue 9): the printable report in headless Chromium. With the server's
// own Content-Security-Policy nothing runs or loads; axe-core finds no accessibility violations;
// printing gives a PDF. Skipped without Chromium (set CHROMIUM).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { get } from './harness.mjs';
import { ROUND, sessionServer } from './sessions_fixture.mjs';
import { chromiumPath, launchChromium } from '../web/harness.mjs';

const axePath = path.join(import.meta.dirname, '..', 'web', 'node_modules', 'axe-core', 'axe.min.js');
const skip = !fs.existsSync(chromiumPath) || !fs.existsSync(axePath);
let s;
let browser;
before(async () => {
  if (skip) return;
  s = await sessionServer();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await s?.server.stop('SIGKILL');
});

test('the report: nothing runs or loads, no axe violations, prints to PDF', { skip }, async () => {
  const { code } = await s.newSession();
  const [a, b] = [await s.join(code), await s.join(code)];
  await s.control(code, { action: 'open', round: ROUND.comment });
  await s.answer(code, a, ROUND.comment, { comment: '<img src=x onerror="document.title=1"><script>document.title=2</script>' });
  await s.answer(code, b, ROUND.comment, { comment: 'Fijn' });
  await s.control(code, { action: 'open', round: ROUND.rating });
  await s.answer(code, a, ROUND.rating, { rating: 5 });
  await s.control(code, { action: 'close' });

  const context = await browser.newContext();
  await context.setExtraHTTPHeaders(s.admin);
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const url = s.api(code, '/report.html');
  const res = await page.goto(url);
  assert.equal(res.status(), 200);
  assert.deepEqual(requests, [url], 'the page fetches nothing else');
  assert.notEqual(await page.title(), '1');
  assert.notEqual(await page.title(), '2');
  assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
  assert.equal(await page.locator('h2').count(), 5);
  assert.ok((await page.locator('ul.comments li').allTextContents()).some((t) => t.includes('<script>')),
    'the comment is shown as text');
  await context.close();

  // axe needs to run a script, which the report's policy forbids: check a copy without it.
  const html = (await get(url, s.admin)).text;
  const plain = await browser.newPage();
  await plain.setContent(html);
  assert.match(await plain.title(), /^Alle vragen - sessie /, 'escaped: nothing ran even without the policy');
  await plain.addScriptTag({ path: axePath });
  const result = await plain.evaluate(() => window.axe.run(document));
  assert.ok(result.passes.length > 10, 'axe ran its rules');
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`), []);
  const pdf = await plain.pdf({ format: 'A4' });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  await plain.close();
});
