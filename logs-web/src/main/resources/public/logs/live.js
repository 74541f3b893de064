// A running build's console: its lines as they are written, from the page's Server-Sent Events.
// It follows the end until the reader scrolls up (f or the button follows again); a dropped
// connection resumes from the last line it had; when the build's logs are stored the page becomes
// its stored log. The page shows the lines it was rendered with without it.
(function () {
  'use strict';
  var log = document.querySelector('pre.log.live');
  if (!log || !window.EventSource) { return; }
  var state = document.querySelector('.live-state');
  var words = state.querySelector('.live-words');
  var why = state.querySelector('.live-why');
  var follow = document.querySelector('.follow');
  var gap = document.querySelector('.live-gap');
  var stored = document.querySelector('.stored');
  var last = Number(log.getAttribute('data-last')) || 0;
  var following = true;
  var scrolling = false;

  function atEnd() { return window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 48; }
  function setFollowing(on) {
    following = on;
    follow.setAttribute('aria-pressed', String(on));
  }
  function toEnd() {
    scrolling = true;
    window.scrollTo(0, document.documentElement.scrollHeight);
    window.requestAnimationFrame(function () { scrolling = false; });
  }
  window.addEventListener('scroll', function () { if (!scrolling) { setFollowing(atEnd()); } }, {passive: true});
  follow.addEventListener('click', function () { setFollowing(true); toEnd(); });
  document.addEventListener('keydown', function (event) {
    if (event.target.closest('input, select, textarea') || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === 'f') { setFollowing(true); toEnd(); }
  });
  function show(phase, text, reason) {
    state.setAttribute('data-phase', phase);
    words.textContent = text;
    why.textContent = reason ? ': ' + reason : '';
  }
  // A link to a line, or a range, stays where the reader put it.
  if (/^#L\d/.test(location.hash)) { setFollowing(false); } else { toEnd(); }

  var source = new EventSource(log.getAttribute('data-events') + '?after=' + last);
  source.addEventListener('lines', function (event) {
    var data = JSON.parse(event.data);
    if (data.last <= last) { return; }
    log.insertAdjacentHTML('beforeend', data.html);
    last = data.last;
    if (following) { toEnd(); }
  });
  source.addEventListener('state', function (event) {
    var data = JSON.parse(event.data);
    show(data.phase, data.words, data.why);
  });
  source.addEventListener('gap', function (event) {
    var data = JSON.parse(event.data);
    gap.textContent = 'Lines up to ' + data.through + ' are no longer held here: the stored log will have them.';
    gap.hidden = false;
  });
  function goTo(url) {
    source.close();
    var line = /^#L\d+(?:-L?\d+)?$/.test(location.hash) ? location.hash : following && last ? '#L' + last : '';
    location.replace(url + line);
  }
  source.addEventListener('end', function (event) {
    var data = JSON.parse(event.data);
    if (data.stored) { goTo(data.stored); return; }
    show('ended', 'the build has ended', 'its logs are on their way here');
    stored.hidden = false;
  });
  source.addEventListener('stored', function (event) { goTo(JSON.parse(event.data).url); });
  source.addEventListener('error', function () {
    if (source.readyState !== EventSource.CLOSED) { show('reconnecting', 'connection lost', 'trying again'); }
  });
  source.addEventListener('open', function () {
    if (state.getAttribute('data-phase') === 'reconnecting') { show('live', 'live', ''); }
  });
})();
