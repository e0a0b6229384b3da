// The Burgerberaad participant page's script (issue 9): a bridge only. The page is rendered and
// every answer checked by the server in C++ (server/participant_page, core/session_answer); the
// page works without this script. It
//   1. hears of changes: GET /api/sessions/CODE/events (EventSource), else the long poll
//      GET /api/sessions/CODE?since=V;
//   2. fetches the server's new sheet (/s/CODE/sheet) when what it shows changed, keeping focus
//      and typed text within a round, and announces the change;
//   3. posts the sheet's forms with fetch (Accept: application/json) and shows the server's sheet;
//   4. where WebGL2 works, starts the 3D viewer in participant mode and hands it every state.
(function () {
  'use strict';
  var body = document.body;
  var code = body.getAttribute('data-code');
  if (!code || !window.fetch) return; // no session, or too old a browser: the plain page works
  var lang = body.getAttribute('data-lang') === 'en' ? '?lang=en' : '';
  var panel = document.getElementById('panel');
  var fold = document.getElementById('fold');
  var announcer = document.getElementById('announce');
  var sheet = function () { return document.getElementById('sheet'); };

  // For tests and support: how the page keeps up, and what it handed the viewer.
  var status = window.almereSession = { transport: 'none', version: 0, states: 0, viewer: 'off' };

  function announce(text) {
    if (!text) return;
    announcer.textContent = '';
    // A separate task, so screen readers hear the same sentence twice in a row too.
    setTimeout(function () { announcer.textContent = text; }, 50);
  }

  // ---- The sheet ----

  function shownKey(el) {
    return [el.getAttribute('data-state'), el.getAttribute('data-round'),
      el.getAttribute('data-results'), el.getAttribute('data-statements')].join('|');
  }

  function stateKey(state) {
    var ids = (state.statements || []).map(function (s) { return s.id; }).join(',');
    return [state.state, String(state.round), state.results_shown ? '1' : '0', ids].join('|');
  }

  // What is typed and chosen in the sheet's forms, to put back after a swap in the same round.
  function typedValues(root) {
    var values = [];
    root.querySelectorAll('input, textarea, select').forEach(function (el) {
      if (el.type === 'hidden' || !el.name) return;
      if (el.type === 'radio' || el.type === 'checkbox') values.push([el.name, el.value, el.checked]);
      else values.push([el.name, null, el.value]);
    });
    return values;
  }

  function restoreTyped(root, values) {
    values.forEach(function (v) {
      root.querySelectorAll('[name="' + CSS.escape(v[0]) + '"]').forEach(function (el) {
        if (v[1] === null && el.type !== 'radio' && el.type !== 'checkbox') el.value = v[2];
        else if (v[1] !== null && el.value === v[1]) el.checked = v[2];
      });
    });
  }

  function focusKey(el) {
    if (!el || !sheet().contains(el)) return null;
    if (el.id) return '#' + CSS.escape(el.id);
    if (el.name) return '[name="' + CSS.escape(el.name) + '"][value="' + CSS.escape(el.value) + '"]';
    return null;
  }

  // Puts the server's sheet in place of the one shown. `keepTyped`: the round did not change
  // and the participant may be half-way through an answer.
  function swapSheet(html, keepTyped) {
    var template = document.createElement('template');
    template.innerHTML = html.trim();
    var next = template.content.firstElementChild;
    if (!next || next.id !== 'sheet') return null;
    var old = sheet();
    var sameRound = old.getAttribute('data-round') === next.getAttribute('data-round') &&
      old.getAttribute('data-state') === next.getAttribute('data-state');
    var focus = focusKey(document.activeElement);
    if (keepTyped && sameRound) restoreTyped(next, typedValues(old));
    old.replaceWith(next);
    if (sameRound && focus) {
      var again = next.querySelector(focus);
      if (again) again.focus();
    }
    if (!sameRound) {
      panel.scrollTop = 0; // a new question or outcome is read from its top
      unfold(); // a new question slides up
      announce(next.getAttribute('data-announce'));
    } else if (old.getAttribute('data-results') !== next.getAttribute('data-results')) {
      announce(next.getAttribute('data-announce'));
    }
    return next;
  }

  var fetching = false, again = false;
  function refreshSheet() {
    if (fetching) { again = true; return; }
    fetching = true;
    fetch('/s/' + code + '/sheet' + lang, { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html) swapSheet(html, true); })
      .catch(function () {})
      .then(function () {
        fetching = false;
        if (again) { again = false; refreshSheet(); }
      });
  }

  // ---- Forms: the same data to the same route; the server answers with its sheet ----

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!sheet().contains(form) || form.method.toLowerCase() !== 'post') return;
    event.preventDefault();
    var button = form.querySelector('[type=submit]');
    if (button) button.disabled = true;
    fetch(form.action, {
      method: 'POST', body: new URLSearchParams(new FormData(form)),
      headers: { Accept: 'application/json' }, credentials: 'same-origin',
    }).then(function (r) {
      return r.json().then(function (answer) { return { ok: r.ok, answer: answer }; });
    }).then(function (result) {
      var next = result.answer.sheet ? swapSheet(result.answer.sheet, false) : null;
      if (!next) throw new Error('no sheet');
      var target = next.querySelector(result.ok ? '#antwoord' : '.error');
      if (target) {
        if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
        target.focus();
        target.scrollIntoView({ block: 'nearest' });
        announce(target.textContent);
      }
    }).catch(function () {
      form.submit(); // the server's own answer, as without this script
    });
  });

  // ---- Folding the sheet over the 3D view ----

  function unfold() {
    panel.classList.remove('folded');
    fold.setAttribute('aria-expanded', 'true');
    fold.textContent = fold.getAttribute('data-hide');
  }

  fold.addEventListener('click', function () {
    var folded = panel.classList.toggle('folded');
    fold.setAttribute('aria-expanded', String(!folded));
    fold.textContent = fold.getAttribute(folded ? 'data-show' : 'data-hide');
  });

  // ---- The 3D viewer (the same almere2050.js/.wasm as index.html) ----

  var viewerReady = false, latestState = null;

  function toViewer(state) {
    latestState = state;
    if (!viewerReady || !window.Module || !Module._almere_session_state || !Module.ccall) return;
    Module.ccall('almere_session_state', null, ['string'], [JSON.stringify(state)]);
    status.states++;
  }

  function hasWebGL2() {
    try {
      return !!(window.WebAssembly && document.createElement('canvas').getContext('webgl2'));
    } catch (e) {
      return false;
    }
  }

  function startViewer() {
    var canvas = document.createElement('canvas');
    canvas.id = 'canvas';
    canvas.tabIndex = -1;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', body.getAttribute('data-map-label'));
    // Inside <main>, so that everything on the page belongs to a landmark.
    var main = document.getElementById('main');
    main.insertBefore(canvas, main.firstChild);
    body.classList.add('viewer');
    status.viewer = 'loading';
    var failed = function (what) {
      // The sheet is simply the page again.
      status.viewer = 'failed';
      body.classList.remove('viewer');
      unfold();
      canvas.remove();
      if (what) console.warn('almere2050: ' + what);
    };
    window.Module = {
      canvas: canvas,
      almereSession: { role: 'participant', code: code },
      locateFile: function (file) { return '/' + file; },
      onRuntimeInitialized: function () {
        viewerReady = true;
        status.viewer = 'running';
        if (latestState) toViewer(latestState);
      },
      onFirstFrame: function () { status.viewer = 'ready'; },
      onAppError: function (text) { console.error('almere2050: ' + text); },
      onAbort: failed,
      print: function (text) { console.log(text); },
      printErr: function (text) { console.warn(text); },
    };
    // The map is the part of the screen between the page's title bar and the question sheet:
    // the viewer draws its own controls ("Terug naar de presentatie") at the top of its canvas,
    // which the bar would cover, and centres the facilitator's view in the canvas, which the
    // sheet would cover. It reaches 16 px under the sheet's rounded corners. The viewer takes
    // the canvas's new size from the window's resize event (this listener runs before its own).
    var top = document.querySelector('.top');
    var fitCanvas = function () {
      if (!canvas.isConnected || !body.classList.contains('viewer')) return;
      var from = top ? Math.round(top.getBoundingClientRect().bottom) : 0;
      var to = Math.min(window.innerHeight, Math.round(panel.getBoundingClientRect().top) + 16);
      var height = Math.max(to - from, 120) + 'px';
      if (canvas.style.top === from + 'px' && canvas.style.height === height) return;
      canvas.style.top = from + 'px';
      canvas.style.height = height;
      window.dispatchEvent(new Event('resize'));
    };
    fitCanvas();
    window.addEventListener('resize', fitCanvas);
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(fitCanvas);
      if (top) observer.observe(top);
      observer.observe(panel);
    }
    var script = document.createElement('script');
    script.src = '/almere2050.js';
    script.onerror = function () { failed('the viewer could not be loaded'); };
    body.appendChild(script);
  }

  // ---- Live state: server-sent events, else the long poll ----

  function onState(state) {
    if (!state || typeof state.version !== 'number' || state.version < status.version) return;
    status.version = state.version;
    toViewer(state);
    if (state.state === 'ended') {
      location.reload(); // the server's "the session has ended" page
      return;
    }
    if (stateKey(state) !== shownKey(sheet())) refreshSheet();
  }

  // After a failure (offline, the server restarting) the page tries again soon, then less
  // often, but never less than every 2 s: a restarted server is found within about 2 s. A
  // random part spreads a room's pages over the first seconds after a restart.
  function retryDelay(failures) {
    var delay = Math.min(250 * Math.pow(2, failures), 2000);
    return delay * (0.5 + 0.5 * Math.random());
  }

  var pollFailures = 0;
  function poll(since) {
    status.transport = 'poll';
    var url = '/api/sessions/' + code + (since === null ? '' : '?since=' + since);
    fetch(url, { cache: 'no-store' }).then(function (r) {
      if (r.status === 404) { location.reload(); return null; }
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    }).then(function (state) {
      if (!state) return;
      pollFailures = 0;
      onState(state);
      poll(state.version);
    }).catch(function () {
      setTimeout(function () { poll(since); }, retryDelay(pollFailures++));
    });
  }

  var streamFailures = 0, streamOpened = false;
  function listen() {
    if (!window.EventSource) return poll(null);
    var events = new EventSource('/api/sessions/' + code + '/events');
    status.transport = 'events';
    events.onopen = function () { streamOpened = true; streamFailures = 0; };
    events.addEventListener('state', function (e) {
      try { onState(JSON.parse(e.data)); } catch (err) { /* a broken event: the next one */ }
    });
    events.onerror = function () {
      var gaveUp = events.readyState === EventSource.CLOSED;
      // The browser's own retry waits 3 s or more after each broken connection or refusal; the
      // page retries on its own schedule instead.
      events.close();
      if (gaveUp || (!streamOpened && streamFailures >= 2)) {
        // An HTTP answer that is not a stream (404: no such session, 503: too many streams, a
        // proxy's 502) or no stream ever: the long poll, which reloads on 404 and retries
        // anything else.
        poll(null);
        return;
      }
      status.transport = 'reconnecting';
      setTimeout(listen, retryDelay(streamFailures++));
    };
  }

  if (hasWebGL2()) startViewer();
  listen();
})();
