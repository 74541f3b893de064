// The log viewer: line and range anchors (#L12, #L10-L20, shift-click to extend), first / next /
// previous error (e, n, p), and jump to a time. The page is whole without it.
(function () {
  'use strict';
  var log = document.querySelector('pre.log');
  if (!log) { return; }
  var selected = [];

  function clear() {
    selected.forEach(function (line) { line.classList.remove('selected'); });
    selected = [];
  }

  function select(from, to) {
    clear();
    var first = Math.min(from, to);
    var last = Math.max(from, to);
    // Filtered pages miss some numbers: mark every line present between the two.
    var lines = log.querySelectorAll('.line');
    for (var i = 0; i < lines.length; i++) {
      var n = Number(lines[i].id.substring(1));
      if (n >= first && n <= last) {
        lines[i].classList.add('selected');
        selected.push(lines[i]);
      }
      if (n > last) { break; }
    }
    if (selected.length) { selected[0].scrollIntoView({block: 'center'}); }
  }

  function fromHash() {
    var m = /^#L(\d+)(?:-L?(\d+))?$/.exec(location.hash);
    if (m) { select(Number(m[1]), Number(m[2] || m[1])); return; }
    var t = /^#t=(.+)$/.exec(location.hash);
    if (t) { jumpToTime(decodeURIComponent(t[1])); }
  }

  // The first line at or after a time: "18:22:36", or with its date "2013-09-27 18:22:36".
  function jumpToTime(wanted) {
    wanted = wanted.trim().replace('T', ' ');
    var lines = log.querySelectorAll('.line[data-time]');
    for (var i = 0; i < lines.length; i++) {
      var time = lines[i].getAttribute('data-time').replace('T', ' ');
      var compared = wanted.indexOf(' ') > 0 ? time : time.replace(/^.* /, '');
      if (compared >= wanted) {
        var n = Number(lines[i].id.substring(1));
        select(n, n);
        return true;
      }
    }
    return false;
  }

  log.addEventListener('click', function (event) {
    var link = event.target.closest('a.ln');
    if (!link) { return; }
    event.preventDefault();
    var n = Number(link.getAttribute('href').substring(2));
    var current = /^#L(\d+)/.exec(location.hash);
    var hash = event.shiftKey && current ? '#L' + Math.min(Number(current[1]), n) + '-L' + Math.max(Number(current[1]), n) : '#L' + n;
    history.replaceState(null, '', hash);
    fromHash();
  });
  window.addEventListener('hashchange', fromHash);
  if (document.readyState === 'complete') { fromHash(); } else { window.addEventListener('load', fromHash); }

  function errors() { return Array.prototype.slice.call(log.querySelectorAll('.lvl-error, .lvl-critical')); }
  var at = -1;
  function jump(direction) {
    var list = errors();
    if (!list.length) { return; }
    if (direction === 'first') { at = 0; }
    else if (direction === 'next') { at = Math.min(list.length - 1, at + 1); }
    else { at = Math.max(0, at - 1); }
    history.replaceState(null, '', '#' + list[at].id);
    fromHash();
  }
  document.querySelectorAll('.jump-error').forEach(function (button) {
    button.addEventListener('click', function () { jump(button.getAttribute('data-direction')); });
  });
  document.addEventListener('keydown', function (event) {
    if (event.target.closest('input, select, textarea') || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === 'e') { jump('first'); } else if (event.key === 'n') { jump('next'); } else if (event.key === 'p') { jump('previous'); }
  });

  // Tracebacks and stack traces fold to their first line; a button says how many lines are inside.
  function members(group) { return log.querySelectorAll('.in-trace[data-trace="' + group + '"]'); }
  function foldable() {
    log.querySelectorAll('.trace-start:not([data-fold-ready])').forEach(function (start) {
      var group = start.getAttribute('data-trace');
      var count = members(group).length;
      if (!count) { return; }
      start.setAttribute('data-fold-ready', 'yes');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'fold-trace';
      button.setAttribute('aria-expanded', 'true');
      button.textContent = 'fold ' + count + ' lines';
      button.addEventListener('click', function () {
        var open = button.getAttribute('aria-expanded') === 'true';
        members(group).forEach(function (line) { line.hidden = open; });
        button.setAttribute('aria-expanded', String(!open));
        button.textContent = (open ? 'show ' : 'fold ') + count + ' lines';
      });
      start.insertBefore(button, start.querySelector('a.ln').nextSibling);
    });
  }
  if (document.readyState === 'complete') { foldable(); } else { window.addEventListener('load', foldable); }

  var timeForm = document.querySelector('.jump-time');
  if (timeForm) {
    timeForm.addEventListener('submit', function (event) {
      event.preventDefault();
      var wanted = timeForm.querySelector('input').value.trim();
      if (wanted) { history.replaceState(null, '', '#t=' + encodeURIComponent(wanted)); fromHash(); }
    });
  }

  // A bar of the lines by level, drawn once the log is in: each part filters to its level and above.
  function levelBar() {
    var bar = document.querySelector('.level-bar');
    if (!bar) { return; }
    var levels = ['none', 'debug', 'info', 'audit', 'trace', 'warning', 'error', 'critical'];
    var total = log.querySelectorAll('.line').length;
    if (!total) { return; }
    levels.forEach(function (level) {
      var count = log.querySelectorAll('.line.lvl-' + level).length;
      if (!count) { return; }
      var part = document.createElement('a');
      part.className = 'level-part lvl-' + level;
      part.style.flexGrow = String(Math.max(count / total, 0.02));
      var name = level === 'none' ? 'no level' : level.toUpperCase();
      part.href = level === 'none' ? '?' : '?level=' + level.toUpperCase();
      part.title = count + ' lines of ' + name + (level === 'none' ? ': show all lines' : ': show ' + name + ' and above');
      part.textContent = name + ' ' + count;
      bar.appendChild(part);
    });
    bar.hidden = false;
  }
  if (document.readyState === 'complete') { levelBar(); } else { window.addEventListener('load', levelBar); }
})();
