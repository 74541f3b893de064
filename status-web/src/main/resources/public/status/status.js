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
  // A change named in the URL (#item-41234 or ?change=41234) is scrolled to and highlighted.
  var wanted = window.location.hash.slice(1) || (new URLSearchParams(window.location.search).get('change') ? 'item-' + new URLSearchParams(window.location.search).get('change') : '');
  var target = wanted && document.getElementById(wanted);
  if (target) {
    target.classList.add('highlight');
    var details = target.querySelector('details');
    if (details) { details.open = true; }
    target.scrollIntoView({block: 'center'});
  }
})();
