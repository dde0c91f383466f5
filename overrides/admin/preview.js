// The web editor's preview as a reader sees the page (site/editor.py gives the addresses and
// names): the site's own stylesheet, the page's direction, its text set as the site sets it
// (Material's `md-typeset`), and a location's contact card with the site's card classes.
(function () {
  "use strict";
  const script = document.currentScript;
  const CMS = window.CMS;
  const h = window.h;
  if (!CMS || !script) return;
  CMS.registerPreviewStyle(script.dataset.stylesheet);
  const rtl = (script.dataset.rtl || "").split(" ");

  // The language being previewed: the folder of the entry's file (docs/<lang>/…), or for a new
  // entry the language the preview was opened in. The site's rules for right to left read the
  // direction from the root element, as on the site.
  const setDirection = (entry, doc) => {
    const folder = /^docs\/([a-z]{2,3})\//.exec(entry.get("path") || "");
    const lang = folder ? folder[1] : doc.documentElement.lang;
    doc.documentElement.lang = lang;
    const dir = rtl.includes(lang) ? "rtl" : "ltr";
    doc.documentElement.dir = dir;
    return { lang, dir };
  };

  // Language-neutral facts (phone, address …) are written once, in the German file: a
  // translation shows the German file's, as the site does.
  const source = (entry, data) => (key) => data.get(key) ?? entry.getIn(["i18n", script.dataset.source, "data", key]);

  const card = (fact) => {
    const phone = fact("phone");
    const email = fact("email");
    const address = fact("address");
    if (!phone && !email && !address) return null;
    return h("section", { className: "rg-location rg-card" },
      phone ? h("p", null, h("a", { className: "md-button md-button--primary", href: "tel:" + String(phone).replace(/[^+0-9]/g, "") },
        h("bdi", { dir: "ltr" }, String(phone)))) : null,
      email ? h("p", null, h("a", { href: "mailto:" + email }, h("bdi", { dir: "ltr" }, email))) : null,
      address ? h("p", null, h("bdi", { lang: "de", dir: "ltr" },
        [address.get("street"), [address.get("postal_code"), address.get("city")].filter(Boolean).join(" ")].filter(Boolean).join(", "))) : null);
  };

  const Page = ({ entry, widgetFor, document: doc }) => {
    const { lang, dir } = setDirection(entry, doc);
    const data = entry.get("data");
    return h("div", { className: "md-main" },
      h("div", { className: "md-main__inner md-grid" },
        h("div", { className: "md-content" },
          h("article", { className: "md-content__inner md-typeset", lang, dir },
            widgetFor("body"),
            data.get("type") === "location" ? card(source(entry, data)) : null))));
  };

  for (const name of (script.dataset.collections || "").split(" ").filter(Boolean)) {
    CMS.registerPreviewTemplate(name, Page);
  }
})();
