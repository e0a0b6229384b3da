// The staff page's script (issue 11): a bridge between web/staff/index.html and the server
// (server/staff_routes.hpp). The server decides who is signed in (an HttpOnly cookie this script
// cannot read) and checks every change (same origin + the CSRF token kept here, in memory only).
// The admin token goes to the server once, in a POST body, and is then cleared from the field.
// Every word shown is in the page's data attributes.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var words = $('woorden').dataset;
  var said = $('gezegd');
  var signInError = $('aanmeld-fout');
  var csrf = '';
  var items = [];   // the queue as last loaded
  var at = 0;       // the one shown
  var last = null;  // the last change: {item, before}, for undo
  var busy = false;
  var wijkNames = {};
  var names = {}; // "plan:pampus" -> "Almere Pampus" (from /api/staff/me)

  // A screen reader announces a live region when its text changes: the same word twice in a
  // row differs by a no-break space.
  function say(text) {
    said.textContent = said.textContent === text ? text + '\u00a0' : text;
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }

  function api(method, path, body) {
    var init = { method: method, credentials: 'same-origin', headers: {} };
    if (method !== 'GET') {
      init.headers['X-Almere-CSRF'] = csrf;
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body || {});
    }
    return fetch(path, init).then(function (res) {
      if (res.status === 401 && path !== '/api/staff/me') showSignIn('expired');
      return res;
    });
  }

  function showSignIn(why) {
    csrf = '';
    $('wachtrij').hidden = true;
    $('ingelogd').hidden = true;
    $('aanmelden').hidden = false;
    signInError.textContent = why ? signInError.dataset[why] : '';
    $('sleutel').focus();
  }

  function addOptions(select, list, label) {
    list.forEach(function (v) {
      var o = document.createElement('option');
      o.value = typeof v === 'string' ? v : v.code;
      o.textContent = label ? label(v) : typeof v === 'string' ? v : v.code;
      select.appendChild(o);
    });
  }

  function showQueue(me) {
    csrf = me.csrf;
    var c = me.choices;
    c.wijken.forEach(function (w) { wijkNames[w.code] = w.name; });
    names = c.names || {};
    if ($('f-plan').options.length === 1) {
      addOptions($('f-plan'), c.plans, function (p) { return names['plan:' + p] || p; });
      addOptions($('f-phase'), c.phases, function (p) { return names['phase:' + p] || p; });
      addOptions($('f-wijk'), c.wijken, function (w) { return w.name + ' (' + w.code + ')'; });
    }
    $('aanmelden').hidden = true;
    $('wachtrij').hidden = false;
    $('ingelogd').hidden = false;
    load().then(function () { $('wachtrij-kop').focus(); });
  }

  function load() {
    var query = new URLSearchParams();
    new FormData($('filters')).forEach(function (v, k) { if (v) query.set(k, v); });
    return api('GET', '/api/admin/queue?' + query).then(function (res) {
      if (!res.ok) { say(said.dataset.failed); return; }
      return res.json().then(function (data) {
        items = data.reactions;
        at = 0;
        last = null;
        $('meer').hidden = !data.truncated;
        show();
      });
    });
  }

  function show() {
    var item = items[at];
    $('reactie').hidden = !item;
    $('leeg').hidden = !!item;
    $('teller').textContent = item ? fill(words.count, { n: at + 1, total: items.length }) : words.none;
    ['goedkeuren', 'verbergen', 'vorige', 'volgende'].forEach(function (id) { $(id).disabled = !item; });
    $('vorige').disabled = !item || at === 0;
    $('volgende').disabled = !item || at === items.length - 1;
    $('terugzetten').disabled = !last;
    if (!item) return;
    $('tekst').textContent = item.comment;
    $('tekst').lang = item.lang;
    var subject = item.subject.kind === 'place' ? wijkNames[item.subject.id] || item.subject.id
      : names[item.subject.kind + ':' + item.subject.id] || item.subject.id;
    $('over').textContent = words[item.subject.kind] + ': ' + subject;
    $('wijk').textContent = item.wijk ? (wijkNames[item.wijk] || '') + ' (' + item.wijk + ')' : words.whole;
    var plans = /^plans=([^;]*)/.exec(item.plan_state);
    var phase = /(^|;)phase=([^;]*)/.exec(item.plan_state);
    $('plannen').textContent = plans && plans[1]
      ? plans[1].split(',').map(function (p) { return names['plan:' + p] || p; }).join(', ') : words.noplans;
    $('fase').textContent = phase ? names['phase:' + phase[2]] || phase[2] : '';
    $('waardering').textContent = fill(words.stars, { n: item.rating });
    $('kanaal').textContent = words[item.channel] || item.channel;
    $('datum').textContent = new Date(item.created_at * 1000).toLocaleString('nl-NL');
    $('status').textContent = words[item.moderation];
  }

  function moderate(item, status) {
    return api('POST', '/api/admin/reactions/' + item.id + '/moderation', { status: status })
      .then(function (res) { return res.ok; }, function () { return false; });
  }

  function decide(status) {
    var item = items[at];
    if (!item || busy) return;
    busy = true;
    var before = item.moderation;
    moderate(item, status).then(function (ok) {
      busy = false;
      if (!ok) { say(said.dataset.failed); return; }
      item.moderation = status;
      last = { item: item, before: before };
      say(said.dataset[status]);
      if (at < items.length - 1) at++;
      show();
    });
  }

  function undo() {
    if (busy) return;
    if (!last) { say(said.dataset.nothing); return; }
    busy = true;
    var change = last;
    moderate(change.item, change.before).then(function (ok) {
      busy = false;
      if (!ok) { say(said.dataset.failed); return; }
      change.item.moderation = change.before;
      last = null;
      at = items.indexOf(change.item);
      say(said.dataset.undone);
      show();
    });
  }

  function step(by) {
    var next = at + by;
    if (next < 0 || next >= items.length) return;
    at = next;
    show();
  }

  $('aanmeld-formulier').addEventListener('submit', function (e) {
    e.preventDefault();
    var field = $('sleutel');
    if (!field.value) { signInError.textContent = signInError.dataset.empty; field.focus(); return; }
    var body = JSON.stringify({ token: field.value });
    field.value = '';
    fetch('/api/staff/signin', { method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' }, body: body })
      .then(function (res) {
        if (res.ok) return fetch('/api/staff/me', { credentials: 'same-origin' })
          .then(function (me) { return me.json(); }).then(showQueue);
        var wait = res.headers.get('Retry-After');
        signInError.textContent = res.status === 429
          ? fill(signInError.dataset.slow, { s: wait }) : signInError.dataset.wrong;
        field.focus();
      }, function () { signInError.textContent = signInError.dataset.failed; });
  });

  $('afmelden').addEventListener('click', function () {
    api('POST', '/api/staff/signout').then(function () { showSignIn(''); });
  });
  $('filters').addEventListener('submit', function (e) { e.preventDefault(); load(); });
  $('goedkeuren').addEventListener('click', function () { decide('approved'); });
  $('verbergen').addEventListener('click', function () { decide('hidden'); });
  $('terugzetten').addEventListener('click', undo);
  $('vorige').addEventListener('click', function () { step(-1); });
  $('volgende').addEventListener('click', function () { step(1); });

  // Keys work anywhere on the queue except while typing or choosing in the filters.
  document.addEventListener('keydown', function (e) {
    if ($('wachtrij').hidden || e.ctrlKey || e.metaKey || e.altKey) return;
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName)) return;
    var act = { a: function () { decide('approved'); }, h: function () { decide('hidden'); },
      u: undo, j: function () { step(1); }, k: function () { step(-1); },
      ArrowRight: function () { step(1); }, ArrowDown: function () { step(1); },
      ArrowLeft: function () { step(-1); }, ArrowUp: function () { step(-1); } }[e.key];
    if (!act) return;
    e.preventDefault();
    act();
  });

  fetch('/api/staff/me', { credentials: 'same-origin' }).then(function (res) {
    if (res.ok) return res.json().then(showQueue);
    showSignIn('');
  }, function () { showSignIn('failed'); });
})();
