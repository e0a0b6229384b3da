// Starts almere-server for the API and crash tests: a free 127.0.0.1 port (--port 0, the
// server prints the one it got), a fresh temporary data folder unless one is given, and the
// content pack from the source tree. Not a test file itself.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const serverBin =
  process.env.ALMERE_SERVER || path.join(repoRoot, 'build', 'native', 'bin', 'almere-server');

export function tempDataDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'almere-server-test-'));
}

// Resolves to { url, dataDir, child, token, output(), stop(signal) -> exit code }.
// `bin`: another server binary (the browser tests take theirs from ALMERE_BIN_DIR).
export function startServer({ dataDir = tempDataDir(), args = [], env = {}, timeoutMs = 10000,
  bin = serverBin } = {}) {
  if (!fs.existsSync(bin)) {
    throw new Error(`no server at ${bin} (scripts/build.sh native, or set ALMERE_SERVER)`);
  }
  const childEnv = { ...process.env, ...env };
  if (!('ALMERE_ADMIN_TOKEN' in env)) delete childEnv.ALMERE_ADMIN_TOKEN;
  const child = spawn(bin, ['--port', '0', '--data', dataDir,
    '--assets', path.join(repoRoot, 'assets'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'], env: childEnv,
  });
  let out = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`almere-server not ready within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stdout.on('data', (more) => { out += more; });
      const tokenFile = path.join(dataDir, 'admin-token');
      const token = env.ALMERE_ADMIN_TOKEN || fs.readFileSync(tokenFile, 'utf8').trim();
      resolve({
        url: m[1], dataDir, child, token, exited, output: () => out,
        async stop(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`almere-server exited (${code}) before it was ready:\n${out}`));
    });
  });
}

let counter = 0;
// A valid reaction; `changes` replace (or, with the value undefined, remove) fields.
export function reaction(changes = {}) {
  const body = {
    id: crypto.randomUUID(),
    subject: { kind: 'plan', id: 'pampus' },
    rating: 1 + (counter++ % 5),
    comment: 'Meer groen langs het water, graag. Één café!',
    age_band: '35_54',
    home_stadsdeel: 'stad',
    consent: true,
    plan_state: 'plans=pampus;phase=2050',
    lang: 'nl',
    channel: 'web',
    created_at: 1795850000,
  };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete body[key];
    else body[key] = value;
  }
  return body;
}

// POSTs a body (object -> JSON, string or Buffer as is); resolves to { status, headers, text, json }.
export async function post(url, body, { contentType = 'application/json', headers = {} } = {}) {
  const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const res = await fetch(url, {
    method: 'POST', body: payload,
    headers: contentType ? { 'Content-Type': contentType, ...headers } : headers,
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

export async function get(url, headers = {}) {
  const res = await fetch(url, { headers });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

// The events of a text/event-stream body as they arrive: each {<field>: value, comments: [...]}
// (the last line of a field wins; the server sends one line each).
export async function* eventStream(body) {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = { comments: [] };
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) event.comments.push(line);
        else {
          const colon = line.indexOf(':');
          event[line.slice(0, colon)] = line.slice(colon + 2);
        }
      }
      yield event;
    }
  }
}
