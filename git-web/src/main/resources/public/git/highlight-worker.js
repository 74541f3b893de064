// Syntax highlighting off the page's main thread, so that neither highlight.js's own start nor a
// long file holds the page up: the page sends {script, language, text} and gets back the
// highlighted HTML, or null when highlight.js does not know the language.
self.onmessage = function (event) {
  'use strict';
  var ask = event.data;
  if (!self.hljs) {
    importScripts(ask.script);
  }
  var known = self.hljs.getLanguage(ask.language);
  self.postMessage(known ? self.hljs.highlight(ask.text, {language: ask.language, ignoreIllegals: true}).value : null);
};
