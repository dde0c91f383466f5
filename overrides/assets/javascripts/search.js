// Search in the reader's language. The index (search/<lang>.json, built from the content
// model) is fetched when the search is first used; a fetch that fails (no signal, an error
// answer) is not kept: the search says so in the page's language and the next query tries
// again. Index and query are normalised alike so that Arabic and Persian spellings of a word,
// with or without diacritics, find each other, and in an inflected language (Russian,
// Turkish: data-stemmer) a word finds its other forms through their common Snowball stem.
// An ES module (main.html loads it with type="module", so it runs after parsing, as defer did).
import { counter, searchFolder } from "./text.js";

(() => {
  const form = document.forms.namedItem("rg-search");
  if (!form) return;
  const input = form.elements.q;
  const output = form.parentElement.querySelector(".md-search-result");
  const meta = output.querySelector(".md-search-result__meta");
  const list = output.querySelector(".md-search-result__list");
  const toggle = document.getElementById("__search");
  const indexURL = new URL(form.dataset.index, location.href);
  const root = new URL("..", indexURL); // the index lives in <site>/search/
  const lang = document.documentElement.lang;

  // The folding rules come with the index (returnguide/model/text.py, the same the checks use),
  // text.js applies them as text.py's search_key does: lower case by the language's rules
  // (Turkish İ/i, I/ı); Arabic and Persian forms of a letter, Turkish ı and i, and Persian and
  // Arabic-Indic digits unified; after decomposition, marks (harakat, hamza, Latin accents, ё's
  // dots), tatweel, ZWNJ and bidi controls dropped; with a stemmer, each word cut to its stem first.
  let normalise = null;
  // The Snowball stemmer of the page's language (an ES module), loaded with the index.
  const stemmer = () => (form.dataset.stemmer
    ? import(new URL(form.dataset.stemmer, location.href).href).then(({ default: Stemmer }) => {
      const s = new Stemmer();
      return (w) => s.stemWord(w);
    })
    : Promise.resolve(null));

  let index = null; // the promise of the prepared index, once a fetch has succeeded or is under way
  const load = () => {
    index = index || Promise.all([fetch(indexURL).then((r) => {
      if (!r.ok) throw new Error(`${indexURL.pathname}: ${r.status}`);
      return r.json();
    }), stemmer()]).then(([{ fold, pages }, stem]) => {
      normalise = searchFolder(fold, lang, stem);
      return pages.map((page) => ({
        ...page,
        title: normalise(page.t),
        sections: page.s.map((s) => ({ ...s, head: normalise(s.h), text: normalise(s.x) })),
      }));
    });
    index.catch(() => { index = null; }); // forget a failure: the next use fetches again
    return index;
  };
  const preload = () => { load().catch(() => {}); }; // a failure is reported when a query needs the index

  // A term found as a whole word ranks above a term inside a longer one ("ira", the stem of
  // İran, is also in "irak").
  const letter = /[\p{L}\p{N}]/u;
  const whole = (text, term) => {
    for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) {
      if (!letter.test(text[i - 1] || " ") && !letter.test(text[i + term.length] || " ")) return true;
    }
    return false;
  };
  const score = (terms, page, section) => {
    let total = 0;
    for (const term of terms) {
      const inTitle = page.title.includes(term), inHead = section.head.includes(term);
      const hits = section.text.split(term).length - 1;
      if (!inTitle && !inHead && !hits) return 0;
      total += (inTitle ? 10 : 0) + (inHead ? 5 : 0) + Math.min(hits, 5)
        + (inTitle && whole(page.title, term) ? 5 : 0) + (whole(section.head, term) || whole(section.text, term) ? 2 : 0);
    }
    return total;
  };

  // A few words of the section around the first word that matches, that word marked.
  const snippet = (raw, terms) => {
    const words = raw.split(/\s+/);
    const at = Math.max(0, words.findIndex((w) => terms.some((t) => normalise(w).includes(t))));
    const p = document.createElement("p");
    const from = Math.max(0, at - 6);
    if (from > 0) p.append("… ");
    words.slice(from, at + 14).forEach((word, i) => {
      if (i) p.append(" ");
      if (terms.some((t) => normalise(word).includes(t))) {
        const mark = document.createElement("mark");
        mark.textContent = word;
        p.append(mark);
      } else p.append(word);
    });
    if (at + 14 < words.length) p.append(" …");
    return p;
  };

  // The count in the reader's plural form (CLDR categories, as the catalogues give them) and digits.
  const counted = counter(JSON.parse(form.dataset.count), lang, form.dataset.digits);
  const count = (n) => (n === 0 ? form.dataset.none : counted(n));

  const run = async () => {
    const asked = input.value;
    list.replaceChildren();
    if (!asked.trim()) return;
    let pages;
    try {
      pages = await load();
    } catch {
      if (input.value === asked) meta.textContent = form.dataset.failed;
      return;
    }
    if (input.value !== asked) return; // a newer query is on its way
    const query = normalise(asked).trim();
    if (!query) return;
    const terms = query.split(" ").filter(Boolean);
    const found = [];
    for (const page of pages) {
      let best = null;
      for (const section of page.sections) {
        const s = score(terms, page, section);
        if (s && (!best || s > best.score)) best = { score: s, section };
      }
      if (best) found.push({ page, ...best });
    }
    found.sort((a, b) => b.score - a.score);
    meta.textContent = count(found.length);
    for (const { page, section } of found.slice(0, 10)) {
      const item = document.createElement("li");
      item.className = "md-search-result__item";
      const link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = new URL(page.u + (section.a ? `#${section.a}` : ""), root).href;
      const article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      const title = document.createElement("h1");
      title.textContent = section.h ? `${page.t} – ${section.h}` : page.t;
      article.append(title, snippet(section.x || page.d, terms));
      link.append(article);
      item.append(link);
      list.append(item);
    }
  };

  input.addEventListener("input", run);
  input.addEventListener("focus", preload, { once: true });
  // The submit button (and Enter) searches here; without JavaScript the form sends ?q= to this
  // page, which opens the search below once scripts run.
  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  if (toggle) toggle.addEventListener("change", () => { if (toggle.checked) { preload(); input.focus(); } });
  // A link with ?q=… opens the search as the header's search button does: clicking the toggle
  // fires the change event keyboard.js listens to (it locks the page behind the overlay, so a phone
  // does not scroll sideways), and ours above moves the focus into the field.
  const asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    if (toggle && !toggle.checked) toggle.click();
    else input.focus();
    run();
  }
})();
