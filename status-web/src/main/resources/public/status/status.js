// Remembers the reader's view options in this browser: hidden empty pipelines, expanded items.
(function () {
  'use strict';
  var store = window.localStorage;
  var hide = document.getElementById('hide-empty');
  if (hide) {
    hide.checked = store.getItem('status.hideEmpty') === 'true';
    var apply = function () {
      document.body.classList.toggle('hide-empty', hide.checked);
      store.setItem('status.hideEmpty', String(hide.checked));
    };
    hide.addEventListener('change', apply);
    apply();
  }
  var setAll = function (open) {
    document.querySelectorAll('details.item-details').forEach(function (d) { d.open = open; });
    store.setItem('status.expandAll', String(open));
  };
  var expand = document.getElementById('expand-all');
  var collapse = document.getElementById('collapse-all');
  if (expand) { expand.addEventListener('click', function () { setAll(true); }); }
  if (collapse) { collapse.addEventListener('click', function () { setAll(false); }); }
  if (store.getItem('status.expandAll') === 'true') { setAll(true); }
  // "/" anywhere but in a field jumps to the search box, as on most sites with search.
  var search = document.querySelector('.filters input[name=q]');
  document.addEventListener('keydown', function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (event.key === '/' && search && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      search.focus();
      search.select();
    }
  });
  // A change named in the URL (#change-41234, #item-gate-41234 or ?change=41234) is scrolled to
  // and highlighted, in every pipeline it is in.
  var hash = window.location.hash.slice(1);
  var change = new URLSearchParams(window.location.search).get('change') || (hash.indexOf('change-') === 0 ? hash.slice(7) : '');
  var targets = change ? document.querySelectorAll('[data-change="' + CSS.escape(change) + '"]')
    : (hash && document.getElementById(hash) ? [document.getElementById(hash)] : []);
  Array.prototype.forEach.call(targets, function (target) {
    target.classList.add('highlight');
    var details = target.querySelector('details');
    if (details) { details.open = true; }
  });
  if (targets.length) { targets[0].scrollIntoView({block: 'center'}); }
})();

// Live updates: the page subscribes to /api/stream and applies each diff in place (no reloads,
// no polling). Applying a diff twice changes nothing. A hidden tab closes the stream; when it
// comes back the stream resumes from the last diff seen, or the page section is fetched anew.
(function () {
  'use strict';
  var container = document.querySelector('.pipelines[data-stream-since]');
  if (!container || !window.EventSource) { return; }
  var lastId = Number(container.getAttribute('data-stream-since'));
  var filtered = window.location.search.length > 1;
  var source = null;
  var refreshing = false;

  function fragment(html) {
    var template = document.createElement('template');
    template.innerHTML = html;
    return template.content.firstElementChild;
  }

  function replace(anchor, html) {
    var old = document.getElementById(anchor);
    var fresh = fragment(html);
    if (!old || !fresh) { return; }
    var details = old.querySelector('details');
    var freshDetails = fresh.querySelector('details');
    if (details && freshDetails && details.open) { freshDetails.open = true; }
    old.replaceWith(fresh);
  }

  function refresh() {
    if (refreshing) { return; }
    refreshing = true;
    fetch(window.location.href, {headers: {'Accept': 'text/html'}})
      .then(function (response) { return response.text(); })
      .then(function (text) {
        var doc = new DOMParser().parseFromString(text, 'text/html');
        var fresh = doc.querySelector('.pipelines[data-stream-since]');
        var summary = doc.querySelector('p.summary');
        if (fresh) {
          container.innerHTML = fresh.innerHTML;
          lastId = Math.max(lastId, Number(fresh.getAttribute('data-stream-since')));
        }
        if (summary) { document.querySelector('p.summary').innerHTML = summary.innerHTML; }
      })
      .finally(function () { refreshing = false; });
  }

  function apply(diff) {
    if (diff.id <= lastId) { return; }
    lastId = diff.id;
    if (filtered) { refresh(); return; }
    (diff.removed || []).forEach(function (anchor) {
      var gone = document.getElementById(anchor);
      if (gone) { gone.remove(); }
    });
    (diff.added || []).forEach(function (item) {
      var existing = document.getElementById(item.anchor);
      var list = container.querySelector('ol[data-queue="' + CSS.escape(item.queue) + '"]');
      if (!list || (!item.html && !existing)) { refresh(); return; }
      var node = existing;
      if (item.html) {
        if (existing) { existing.remove(); }
        node = fragment(item.html);
      }
      var after = item.after && document.getElementById(item.after);
      if (after && after.parentElement === list) { after.after(node); } else { list.prepend(node); }
    });
    (diff.changed || []).forEach(function (item) { replace(item.anchor, item.html); });
    (diff.summaries || []).forEach(function (part) {
      replace(part.anchor, part.html);
      var item = document.getElementById(part.item);
      if (item) {
        var highlighted = item.classList.contains('highlight');
        item.className = part.itemClass;
        item.classList.toggle('highlight', highlighted);
      }
    });
    (diff.jobs || []).forEach(function (part) {
      replace(part.anchor, part.html);
      var item = document.getElementById(part.item);
      var segment = item && item.querySelectorAll('.bar .segment')[part.index];
      if (segment) {
        segment.className = 'segment ' + part.segment;
        segment.title = part.title;
      }
    });
    var counts = document.querySelector('.summary-counts');
    if (counts && diff.summary) { counts.textContent = diff.summary; }
    Object.keys(diff.pipelines || {}).forEach(function (name) {
      var count = container.querySelector('[data-count-of="' + CSS.escape(name) + '"]');
      if (count) {
        count.textContent = diff.pipelines[name];
        count.closest('section.pipeline').classList.toggle('pipeline-empty', diff.pipelines[name] === 0);
      }
    });
  }

  // The state of the stream is on <html> (data-stream, and counters of opens and resets) for the
  // indicator in the page and for tests; the browser reconnects by itself and resumes with Last-Event-ID.
  var root = document.documentElement;
  function count(name) {
    root.setAttribute(name, String(Number(root.getAttribute(name) || 0) + 1));
  }

  function open() {
    source = new EventSource('/api/stream?since=' + lastId);
    source.addEventListener('diff', function (event) { apply(JSON.parse(event.data)); });
    source.addEventListener('reset', function (event) {
      count('data-stream-resets');
      lastId = Number(event.lastEventId) || lastId;
      refresh();
    });
    source.addEventListener('open', function () {
      count('data-stream-opens');
      root.setAttribute('data-stream', 'open');
    });
    source.addEventListener('error', function () {
      root.setAttribute('data-stream', source && source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    });
    root.setAttribute('data-stream', 'connecting');
  }

  document.addEventListener('visibilitychange', function () {
    if (document.hidden && source) {
      source.close();
      source = null;
      root.setAttribute('data-stream', 'paused');
    } else if (!document.hidden && !source) {
      open();
    }
  });
  open();
})();

// Times that only the clock changes (time in queue, time left, a running job's elapsed time and
// progress) move here, every second, from the absolute times the server put in data-* attributes:
// the stream then only carries real changes.
(function () {
  'use strict';
  var clock = document.querySelector('[data-server-now]');
  if (!clock) { return; }
  var skew = Number(clock.getAttribute('data-server-now')) - Date.now();

  function words(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    if (s < 60) { return s + ' s'; }
    var m = Math.floor(s / 60);
    if (m < 60) { return m + ' min'; }
    var h = Math.floor(m / 60);
    if (h < 24) { return h + ' h' + (m % 60 === 0 ? '' : ' ' + (m % 60) + ' min'); }
    return Math.floor(h / 24) + ' d' + (h % 24 === 0 ? '' : ' ' + (h % 24) + ' h');
  }

  // Only what reads differently is written: an unchanged text written again still makes the
  // browser lay the page out, every second, and a page with hundreds of jobs would pay it each time.
  function show(node, text) {
    if (node.textContent !== text) { node.textContent = text; }
  }

  function tick() {
    var now = Date.now() + skew;
    document.querySelectorAll('time.since[data-since]').forEach(function (t) {
      show(t, 'in queue ' + words(now - Number(t.getAttribute('data-since'))));
    });
    document.querySelectorAll('.eta[data-eta]').forEach(function (e) {
      show(e, '\u00b7 ' + words(Number(e.getAttribute('data-eta')) - now) + ' left'
        + (e.hasAttribute('data-estimated') ? ' (estimated)' : ''));
    });
    document.querySelectorAll('li.job[data-started]').forEach(function (job) {
      var elapsed = now - Number(job.getAttribute('data-started'));
      var text = job.querySelector('.job-elapsed');
      if (text) { show(text, words(elapsed)); }
      var total = Number(job.getAttribute('data-total'));
      var bar = job.querySelector('progress');
      if (bar && total > 0) {
        var percent = Math.min(99, Math.floor(elapsed * 100 / total));
        if (bar.value !== percent) {
          bar.value = percent;
          bar.textContent = percent + '%';
        }
      }
    });
  }
  window.setInterval(tick, 1000);
})();
