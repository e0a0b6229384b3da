// The facilitator's and the participation team's side of a session, through the JSON API, for
// the browser tests that drive participants' pages. `current` returns the test's server, the
// facilitator key and the session code as they are at the time of the call.
import assert from 'node:assert/strict';

export function sessionApi(current) {
  async function api(method, pathname, body, headers = {}) {
    const res = await fetch(`${current().server.url}${pathname}`, {
      method, headers: { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    assert.ok(res.ok, `${method} ${pathname}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }
  const control = (body) =>
    api('POST', `/api/sessions/${current().code}/control`, body, { 'X-Almere-Facilitator-Key': current().key });
  const exported = async () =>
    (await api('GET', `/api/sessions/${current().code}/export.json`, undefined,
      { Authorization: `Bearer ${current().server.token}` })).answers;
  return { api, control, exported };
}
