// The web editor's preview as a reader sees the page: the site's own stylesheet (its address is
// given by the page, site/editor.py). The editor sets each pane's language and direction.
(function () {
  "use strict";
  const script = document.currentScript;
  if (window.CMS && script && script.dataset.stylesheet) {
    window.CMS.registerPreviewStyle(script.dataset.stylesheet);
  }
})();
