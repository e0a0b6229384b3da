// The text route's script (issue 10): a bridge only. The pages are written at build time
// (core/text_route) and every reaction is checked by the server in C++ (core/reaction); this
// script
//   1. sends the form as the API's JSON (POST api/reactions) and keeps it in localStorage until
//      the server confirms it (201, or 200 for a resend): a failed send keeps the form filled and
//      is retried with the same id, also on the next visit;
//   2. shows the browser's and the server's findings at their fields ("<field>: <what>" from
//      the server; the words are the page's own, in data attributes) and in a summary;
//   3. counts the comment's characters and reads a plan card aloud where a voice exists.
(function () {
  'use strict';
  // ?lang=xx (from the 3D page, which sends a browser without WebGL2 here): that language's
  // page, where the language links offer one.
  var wanted = /[?&]lang=([a-z]{2,3})(&|$)/.exec(location.search);
  var other = wanted && document.querySelector('a[hreflang="' + wanted[1] + '"]');
  if (other && other.getAttribute('aria-current') !== 'page') {
    location.replace(other.href + location.hash);
    return;
  }
  var form = document.getElementById('reactie');
  if (!form || !window.fetch || !window.JSON) return;
  var DRAFT = 'almere2050.tekst.draft';
  var INSTALLATION = 'almere2050.installation'; // the same key as the 3D page (feedback_web.cpp)
  var summary = document.getElementById('fouten');
  var statusLine = document.getElementById('status');
  var retry = document.getElementById('opnieuw');
  var comment = document.getElementById('tekst');
  var counter = document.getElementById('teller');
  var places = document.getElementById('plek');
  var search = document.getElementById('zoek');
  var groups = form.querySelectorAll('[data-fields]');
  var sending = false;

  function storage(key, value) {
    try {
      if (value === undefined) return localStorage.getItem(key);
      if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value);
    } catch (e) { /* private mode: the draft lives as long as the page */ }
    return null;
  }

  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function installation() {
    var id = storage(INSTALLATION);
    if (!id) { id = uuid(); storage(INSTALLATION, id); }
    return id;
  }

  // ---- the form's answers as the API's JSON ----
  function checked(name) {
    var el = form.querySelector('input[name="' + name + '"]:checked');
    return el ? el.value : '';
  }

  function reactionFromForm() {
    var subject = checked('subject').split(':');
    var option = places.options[places.selectedIndex];
    var wijk = option ? option.value : '';
    var r = { subject: { kind: subject[0], id: subject[1] || '' } };
    if (subject[0] === 'place') {
      r.subject.id = wijk;
      if (wijk) {
        var pin = option.getAttribute('data-pin').split(',');
        r.pin = { lon: parseFloat(pin[0]), lat: parseFloat(pin[1]) };
      }
    } else if (wijk) {
      r.wijk = wijk;
    }
    r.rating = parseInt(checked('rating'), 10);
    if (comment.value) r.comment = comment.value;
    var age = document.getElementById('leeftijd').value, home = document.getElementById('woonplek').value;
    if (age) r.age_band = age;
    if (home) r.home_stadsdeel = home;
    r.consent = document.getElementById('consent').checked;
    r.plan_state = '';
    r.lang = form.getAttribute('data-lang');
    r.channel = 'web';
    return r;
  }

  // ---- findings at their fields ----
  function clearErrors() {
    summary.hidden = true;
    summary.querySelector('ul').textContent = '';
    Array.prototype.forEach.call(groups, function (g) { mark(g, false); });
  }

  function mark(group, bad) {
    var error = group.querySelector('.fout');
    if (error) error.hidden = !bad;
    Array.prototype.forEach.call(group.querySelectorAll('input,select,textarea'), function (c) {
      if (bad) c.setAttribute('aria-invalid', 'true'); else c.removeAttribute('aria-invalid');
      if (c.id === 'tekst' && error) c.setAttribute('aria-describedby', bad ? error.id + ' teller' : 'teller');
    });
  }

  function groupFor(field) {
    for (var i = 0; i < groups.length; i++)
      if (groups[i].getAttribute('data-fields').split(' ').indexOf(field) >= 0) return groups[i];
    return null;
  }

  function firstControl(group) {
    return group.querySelector('select') || group.querySelector('textarea') ||
      group.querySelector('input:checked') || group.querySelector('input');
  }

  // Shows the groups at fault in the summary (links to their first control) and moves focus
  // to it; `text` is used where no group answers for a field.
  function showErrors(bad, text) {
    clearErrors();
    var list = summary.querySelector('ul');
    bad.forEach(function (g) {
      mark(g, true);
      var li = document.createElement('li'), a = document.createElement('a');
      a.href = '#' + firstControl(g).id;
      a.textContent = g.querySelector('.fout').textContent;
      li.appendChild(a); list.appendChild(li);
    });
    if (text) {
      var li = document.createElement('li');
      li.textContent = text;
      list.appendChild(li);
    }
    summary.hidden = false;
    summary.focus();
  }

  // The browser's own checks (required): the same marks and summary as the server's.
  var invalid = [];
  form.addEventListener('invalid', function (e) {
    var g = e.target.closest('[data-fields]');
    if (g && invalid.indexOf(g) < 0) invalid.push(g);
    e.preventDefault(); // our summary instead of the browser's bubble
    clearTimeout(form.invalidTimer);
    form.invalidTimer = setTimeout(function () { showErrors(invalid); invalid = []; }, 0);
  }, true);

  // ---- keep until confirmed ----
  function send(draft, reported) {
    sending = true;
    retry.hidden = true;
    statusLine.textContent = form.getAttribute('data-sending');
    return fetch(form.getAttribute('data-api'), {
      method: 'POST', body: JSON.stringify(draft),
      headers: { 'Content-Type': 'application/json', 'X-Almere-Installation': installation() },
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (body) {
        sending = false;
        if (res.status === 200 || res.status === 201) {
          storage(DRAFT, null);
          clearErrors();
          form.reset();
          filter();
          count();
          statusLine.textContent = form.getAttribute('data-sent');
          return;
        }
        if (res.status === 400 || res.status === 409 || res.status === 413) {
          storage(DRAFT, null); // never accepted as it is: the form keeps the answers to fix
          var field = String(body.error || '').split(':')[0];
          var g = groupFor(field);
          showErrors(g ? [g] : [], g ? '' : form.getAttribute('data-other'));
          statusLine.textContent = '';
          return;
        }
        throw new Error('HTTP ' + res.status); // 429, 503: kept, try again later
      });
    }).catch(function () {
      sending = false;
      statusLine.textContent = (reported ? reported + ' ' : '') + form.getAttribute('data-not-sent');
      retry.hidden = false;
    });
  }

  function sameContent(a, b) {
    var x = JSON.parse(JSON.stringify(a)), y = JSON.parse(JSON.stringify(b));
    delete x.id; delete y.id; delete x.created_at; delete y.created_at;
    return JSON.stringify(x) === JSON.stringify(y);
  }

  function storedDraft() {
    try { return JSON.parse(storage(DRAFT) || 'null'); } catch (e) { return null; }
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (sending) return;
    var r = reactionFromForm();
    var earlier = storedDraft();
    // Unchanged answers keep their id: a resend the server recognises, never a second row.
    if (earlier && sameContent(earlier, r)) { r.id = earlier.id; r.created_at = earlier.created_at; }
    else { r.id = uuid(); r.created_at = Math.floor(Date.now() / 1000); }
    storage(DRAFT, JSON.stringify(r));
    clearErrors();
    send(r);
  });

  retry.addEventListener('click', function () {
    var d = storedDraft();
    if (d && !sending) send(d);
  });

  // A draft from an earlier visit that the server never confirmed goes now.
  var left = storedDraft();
  if (left) send(left, form.getAttribute('data-draft'));

  // ---- the place list: typing filters it (no hover, no pop-up) ----
  function filter() {
    var q = search.value.trim().toLowerCase();
    Array.prototype.forEach.call(places.querySelectorAll('option'), function (o) {
      o.hidden = !!q && o.value !== '' && o.textContent.toLowerCase().indexOf(q) < 0;
    });
  }
  search.addEventListener('input', filter);

  // ---- the comment's counter, in code points as the server counts ----
  var countTimer;
  function count() {
    var left = parseInt(counter.getAttribute('data-max'), 10) - Array.from(comment.value).length;
    counter.textContent = left + ' ' + counter.getAttribute('data-unit');
  }
  comment.addEventListener('input', function () {
    // Polite and calm: announced once typing pauses, not per key.
    clearTimeout(countTimer);
    countTimer = setTimeout(count, 600);
  });

  // ---- read a plan card aloud, only where the browser has a voice for the page's language ----
  var speech = window.speechSynthesis;
  var pageLang = document.documentElement.lang;
  var buttons = document.querySelectorAll('button.lees');
  function voice() {
    var voices = speech ? speech.getVoices() : [];
    for (var i = 0; i < voices.length; i++)
      if (voices[i].lang.toLowerCase().split(/[-_]/)[0] === pageLang) return voices[i];
    return null;
  }
  function offerReading() {
    var v = voice();
    Array.prototype.forEach.call(buttons, function (b) { b.hidden = !v; });
  }
  if (speech) {
    offerReading();
    speech.addEventListener('voiceschanged', offerReading);
    Array.prototype.forEach.call(buttons, function (b) {
      var label = b.textContent;
      b.addEventListener('click', function () {
        if (speech.speaking) { speech.cancel(); b.textContent = label; return; }
        var card = b.closest('article').cloneNode(true);
        card.querySelector('button.lees').remove();
        var u = new SpeechSynthesisUtterance(card.textContent);
        u.lang = pageLang;
        u.voice = voice();
        u.onend = function () { b.textContent = label; };
        b.textContent = b.getAttribute('data-stop');
        speech.speak(u);
      });
    });
  }
}());
