// The search page: recent searches kept in this browser, completion of field names and values,
// and keys: "/" to the query box, j/k between hits, Enter to open one.
(function () {
  'use strict';
  var box = document.getElementById('q');
  var list = document.getElementById('suggestions');
  var history = document.getElementById('history');
  var KEY = 'logs-search-history';
  var fields = {};

  function recent() {
    try { return JSON.parse(localStorage.getItem(KEY) || '[]'); } catch (e) { return []; }
  }

  function remember(query) {
    if (!query) { return; }
    var kept = recent().filter(function (q) { return q !== query; });
    kept.unshift(query);
    try { localStorage.setItem(KEY, JSON.stringify(kept.slice(0, 20))); } catch (e) { /* private mode */ }
  }

  function showHistory() {
    var kept = recent();
    if (!history || kept.length === 0) { return; }
    var ul = history.querySelector('ul');
    kept.forEach(function (q) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '/search?q=' + encodeURIComponent(q);
      a.textContent = q;
      li.appendChild(a);
      ul.appendChild(li);
    });
    history.hidden = false;
  }

  // The word being typed: a field name, or field:value.
  function current() {
    var end = box.selectionStart;
    var text = box.value.slice(0, end);
    var m = /([A-Za-z_]+)(:("?)([^\s"()]*))?$/.exec(text);
    if (!m) { return null; }
    return { start: end - m[0].length, end: end, field: m[1], value: m[2] !== undefined ? m[4] : null, quoted: m[3] === '"' };
  }

  var options = [];
  var active = -1;

  function close() {
    list.hidden = true;
    list.innerHTML = '';
    box.setAttribute('aria-expanded', 'false');
    options = [];
    active = -1;
  }

  function open(items, word) {
    list.innerHTML = '';
    options = items.slice(0, 12);
    if (options.length === 0) { close(); return; }
    options.forEach(function (item, i) {
      var li = document.createElement('li');
      li.id = 'suggestion-' + i;
      li.setAttribute('role', 'option');
      li.textContent = item.label;
      if (item.hint) {
        var hint = document.createElement('span');
        hint.className = 'hint';
        hint.textContent = ' ' + item.hint;
        li.appendChild(hint);
      }
      li.addEventListener('mousedown', function (e) { e.preventDefault(); pick(i, word); });
      list.appendChild(li);
    });
    list.hidden = false;
    box.setAttribute('aria-expanded', 'true');
  }

  function pick(i, word) {
    var item = options[i];
    var w = word || current();
    if (!item || !w) { return; }
    box.value = box.value.slice(0, w.start) + item.insert + box.value.slice(w.end);
    var caret = w.start + item.insert.length;
    box.setSelectionRange(caret, caret);
    close();
    box.focus();
  }

  function suggest() {
    var w = current();
    if (!w) { close(); return; }
    if (w.value === null) {
      var prefix = w.field.toLowerCase();
      open(Object.keys(fields).filter(function (f) { return f.indexOf(prefix) === 0 && f !== prefix; })
        .map(function (f) { return { label: f + ':', insert: f + ':', hint: fields[f] }; }), w);
      return;
    }
    fetch('/api/search/values?field=' + encodeURIComponent(w.field) + '&prefix=' + encodeURIComponent(w.value))
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (values) {
        var now = current();
        if (!now || now.field !== w.field) { return; }
        open(values.map(function (v) { return { label: v, insert: w.field + ':"' + v + '"' }; }), now);
      })
      .catch(close);
  }

  function move(delta) {
    if (options.length === 0) { return; }
    var items = list.querySelectorAll('li');
    if (active >= 0) { items[active].removeAttribute('aria-selected'); }
    active = (active + delta + options.length) % options.length;
    items[active].setAttribute('aria-selected', 'true');
    box.setAttribute('aria-activedescendant', items[active].id);
  }

  if (box) {
    fetch('/api/search/fields').then(function (r) { return r.json(); }).then(function (f) { fields = f.fields || {}; }).catch(function () {});
    box.addEventListener('input', suggest);
    box.addEventListener('blur', function () { setTimeout(close, 100); });
    box.addEventListener('keydown', function (e) {
      if (list.hidden) { return; }
      if (e.key === 'ArrowDown') { e.preventDefault(); move(1); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); move(-1); }
      else if ((e.key === 'Enter' || e.key === 'Tab') && active >= 0) { e.preventDefault(); pick(active); }
      else if (e.key === 'Escape') { close(); }
    });
    box.form.addEventListener('submit', function () { remember(box.value.trim()); });
    remember(box.value.trim());
  }
  showHistory();

  var hits = Array.prototype.slice.call(document.querySelectorAll('.hit'));
  var at = -1;
  function focusHit(i) {
    if (hits.length === 0) { return; }
    at = Math.max(0, Math.min(hits.length - 1, i));
    hits[at].focus();
    hits[at].scrollIntoView({ block: 'nearest' });
  }
  document.addEventListener('keydown', function (e) {
    var typing = e.target && (e.target.tagName === 'INPUT' || e.target.tagName === 'SELECT' || e.target.tagName === 'TEXTAREA');
    if (typing || e.ctrlKey || e.metaKey || e.altKey) { return; }
    if (e.key === '/') { e.preventDefault(); box.focus(); box.select(); }
    else if (e.key === 'j') { focusHit(at + 1); }
    else if (e.key === 'k') { focusHit(at - 1); }
    else if (e.key === 'Enter' && at >= 0) { hits[at].querySelector('.hit-link').click(); }
  });
})();
