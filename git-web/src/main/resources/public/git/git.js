// git-web pages: copy buttons, line anchors and ranges, syntax highlighting that keeps one row per line.
(function () {
  'use strict';

  document.querySelectorAll('button.copy').forEach(function (button) {
    button.addEventListener('click', function () {
      var field = document.querySelector(button.getAttribute('data-copy'));
      if (!field) { return; }
      var done = function () { button.textContent = 'Copied'; setTimeout(function () { button.textContent = 'Copy'; }, 1500); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done);
      } else {
        field.select();
        document.execCommand('copy');
        done();
      }
    });
  });

  // #L12 or #L12-40: those rows are marked and the first is scrolled to.
  function markLines() {
    document.querySelectorAll('tr.selected').forEach(function (row) { row.classList.remove('selected'); });
    var match = /^#L(\d+)(?:-L?(\d+))?$/.exec(window.location.hash);
    if (!match) { return; }
    var from = parseInt(match[1], 10);
    var to = match[2] ? parseInt(match[2], 10) : from;
    if (to < from) { var t = from; from = to; to = t; }
    for (var n = from; n <= to && n - from < 100000; n++) {
      var row = document.getElementById('L' + n);
      if (row) { row.classList.add('selected'); }
    }
    var first = document.getElementById('L' + from);
    if (first) { first.scrollIntoView({block: 'center'}); }
  }

  // Shift-click on a line number makes a range from the line marked before.
  document.addEventListener('click', function (event) {
    var link = event.target.closest('td.ln a');
    if (!link || !event.shiftKey) { return; }
    var current = /^#L(\d+)/.exec(window.location.hash);
    var clicked = /#L(\d+)$/.exec(link.getAttribute('href'));
    if (current && clicked) {
      event.preventDefault();
      var a = Math.min(+current[1], +clicked[1]);
      var b = Math.max(+current[1], +clicked[1]);
      history.replaceState(null, '', '#L' + a + '-' + b);
      markLines();
    }
  });
  window.addEventListener('hashchange', markLines);

  // Highlights the whole file at once (so comments and strings that span lines are right), then
  // cuts the result back into lines, closing the spans open at each line end and opening them again.
  function splitHighlighted(html) {
    var lines = [];
    var open = [];
    var line = '';
    var i = 0;
    while (i < html.length) {
      var c = html.charAt(i);
      if (c === '<') {
        var end = html.indexOf('>', i);
        var tag = html.substring(i, end + 1);
        if (tag.charAt(1) === '/') { open.pop(); } else { open.push(tag); }
        line += tag;
        i = end + 1;
      } else if (c === '\n') {
        lines.push(line + '</span>'.repeat(open.length));
        line = open.join('');
        i++;
      } else {
        line += c;
        i++;
      }
    }
    lines.push(line + '</span>'.repeat(open.length));
    return lines;
  }

  // In a worker (highlight-worker.js), so the page answers at once however long the file.
  var source = document.querySelector('.source[data-language][data-highlighter]');
  if (source && window.Worker) {
    var cells = source.querySelectorAll('td.src');
    var language = source.getAttribute('data-language');
    if (language && cells.length <= 20000) {
      var worker = new Worker(source.getAttribute('data-highlighter'));
      worker.onmessage = function (event) {
        worker.terminate();
        if (event.data === null) { return; }
        var lines = splitHighlighted(event.data);
        for (var k = 0; k < cells.length && k < lines.length; k++) {
          cells[k].innerHTML = lines[k];
        }
        source.classList.add('hljs', 'highlighted');
      };
      worker.postMessage({
        script: source.getAttribute('data-highlight-script'),
        language: language,
        text: Array.prototype.map.call(cells, function (cell) { return cell.textContent; }).join('\n')
      });
    }
  }
  markLines();
})();

// The portal's filter box: rows whose project name or description holds every word typed.
(function () {
  'use strict';
  var box = document.querySelector('input[data-filter]');
  if (!box) { return; }
  var rows = document.querySelectorAll(box.getAttribute('data-filter'));
  box.addEventListener('input', function () {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      row.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
    });
    document.querySelectorAll('.project-group').forEach(function (group) {
      group.hidden = group.querySelectorAll('tr.project:not([hidden])').length === 0;
    });
  });
})();

// "/" goes to the code search box, wherever one is not typing already.
(function () {
  'use strict';
  var box = document.getElementById('code-search');
  if (!box) { return; }
  document.addEventListener('keydown', function (event) {
    if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey
        && !/input|textarea|select/i.test(document.activeElement.tagName) && !document.activeElement.isContentEditable) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });
})();

// Parts asked once the page is shown, so that the page itself never waits for them (and, named by
// a commit id, never changes): the commit page's CI section, a folder's "last change" column.
(function () {
  'use strict';
  if (!window.fetch) { return; }

  function later(url, accept, use) {
    fetch(url, {headers: {'Accept': accept}}).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (text) {
      if (text) { use(text); }
    });
  }

  var section = document.querySelector('section#ci[data-src]');
  if (section) {
    later(section.getAttribute('data-src'), 'text/html', function (html) {
      var parsed = new DOMParser().parseFromString(html, 'text/html').querySelector('section#ci');
      if (parsed) { section.replaceWith(parsed); }
    });
  }

  // Each entry's last commit; subjects are set as text, never as markup.
  var table = document.querySelector('table.entries[data-last-changes]');
  if (table) {
    later(table.getAttribute('data-last-changes'), 'application/json', function (text) {
      var answer = JSON.parse(text.replace(/^\)\]\}'\n?/, ''));
      table.querySelectorAll('td.last[data-name]').forEach(function (cell) {
        var change = answer.entries[cell.getAttribute('data-name')];
        if (!change) { return; }
        var link = document.createElement('a');
        link.href = change.url;
        link.title = change.author + ', ' + change.time;
        link.textContent = change.subject;
        var age = document.createElement('span');
        age.className = 'age';
        age.textContent = change.age;
        cell.append(link, ' ', age);
      });
    });
  }
})();
