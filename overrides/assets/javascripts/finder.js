// The search by postcode or place (overrides/partials/rg-finder.html): a WAI-ARIA 1.2 combobox
// over one lookup index (search/places.json, returnguide/site/finder.py), fetched at the first
// keystroke. Without this script the field is a GET form to the static postcode pages.
// Words come from the page (its language); place names stay German, left-to-right, lang="de",
// beside the district's or city's name in the reader's script, which the field also finds ("Трир").
// An ES module (main.html loads it with type="module"): folding and counts come from text.js.
import { counter, nameFolder, placeFolder } from "./text.js";

(() => {
  const form = document.querySelector("[data-rg-finder]");
  if (!form) return;
  const input = form.querySelector("#rg-finder-q");
  const list = form.querySelector("#rg-finder-list");
  const status = form.querySelector("#rg-finder-status");
  const answer = form.querySelector("#rg-finder-answer");
  const { text, how, kinds, names } = JSON.parse(form.querySelector("#rg-finder-text").textContent);
  const localNames = names;
  const cards = form.querySelector("#rg-finder-cards").content;
  const outside = form.querySelector("#rg-finder-outside").content;
  const digits = form.dataset.digits;
  const max = Number(form.dataset.max);
  const SHOWN = 8; // options in the list at most
  const ANSWERED = 3; // districts or cities answered at once at most; more: choose from the list

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  const count = counter(text.count, document.documentElement.lang, digits);
  const el = (tag, attrs = {}, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    e.append(...children);
    return e;
  };
  const german = (s) => el("bdi", { dir: "ltr", lang: "de" }, s);

  // ---------------------------------------------------------------- the index
  let data = null;
  let loading = null;
  let fold = (s) => s;
  let foldLocal = (s) => s;

  function prepare(json) {
    // as returnguide/model/places.py's fold_place: text.py's table, then the place rules
    fold = placeFolder(json.fold, json.place);
    const regions = json.regions.map(([id, name, kind, state, counselling, near]) => ({ id, name, kind, state, counselling, near }));
    const codes = []; // [{code, groups: [{r, names}]}], sorted
    const places = new Map(); // name + region -> {name, r, codes}
    let code = 0;
    let r = null;
    for (const line of json.places.split("\n")) {
      const [delta, rest] = line.split(":");
      code += Number(delta);
      const postcode = String(code).padStart(5, "0");
      const groups = [];
      for (const part of rest.split(";")) {
        let names = part;
        if (part.includes("=")) [r, names] = [Number(part.split("=")[0]), part.slice(part.indexOf("=") + 1)];
        groups.push({ r, names: names.split(",") });
        for (const name of names.split(",")) {
          const key = `${name}\u0000${r}`;
          if (!places.has(key)) places.set(key, { name, r, codes: [] });
          places.get(key).codes.push(postcode);
        }
      }
      codes.push({ code: postcode, groups });
    }
    const names = [...places.values()];
    // the districts and cities themselves: "Kaiserslautern" is a city and a district
    regions.forEach((region, i) => names.push({ name: region.name, r: i, codes: [], region: true }));
    for (const p of names) {
      p.key = fold(p.name);
      p.short = p.key.replace(/^bad /, ""); // "Dürkheim" finds "Bad Dürkheim"
    }
    // The districts and cities by their names in the reader's script (the page's `names`: "Трир",
    // "ترير"), folded alike but keeping every script's letters.
    foldLocal = nameFolder(json.fold);
    const local = [];
    regions.forEach((region, i) => {
      if (localNames[region.id]) {
        const key = foldLocal(localNames[region.id]);
        local.push({ name: region.name, r: i, codes: [], region: true, key, short: key });
      }
    });
    data = { regions, codes, names, local };
  }

  const load = () => {
    loading = loading || fetch(form.dataset.index, { credentials: "same-origin" })
      .then((response) => { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(prepare)
      .catch((error) => { loading = null; throw error; });
    return loading;
  };

  // ---------------------------------------------------------------- matching
  // -> {message, outside, options: [{label, r}], answers: [r]}
  function match(raw) {
    const query = raw.trim();
    if (!query) return { message: "", options: [], answers: [] };
    if (query.length > max) return { message: text.long, options: [], answers: [] };
    const folded = fold(query);
    if (!folded) {
      // not in Latin letters: a district's or city's name in the reader's script, if it is one
      const local = foldLocal(query);
      const found = local ? byName(local, data.local) : null;
      if (found && found.options.length) return found;
      return { message: /\p{L}/u.test(query) ? text.latin : text.empty, options: [], answers: [] };
    }
    const tokens = folded.split(" ");
    const numbers = tokens.filter((t) => /\d/.test(t));
    if (numbers.length) {
      // "54290", "542", "54290 Trier": a postcode; "54a90", "542901": not one
      if (numbers.length > 1 || !/^\d{1,5}$/.test(numbers[0]) || (tokens.length > 1 && numbers[0].length < 5)) {
        return { message: text.digits, options: [], answers: [] };
      }
      return byPostcode(numbers[0]);
    }
    return byName(folded);
  }

  function byPostcode(prefix) {
    const found = data.codes.filter((c) => c.code.startsWith(prefix));
    if (!found.length) return { outside: true, message: outside.textContent.replace(/\s+/g, " ").trim(), options: [], answers: [] };
    const options = [];
    for (const c of found) {
      for (const g of c.groups) {
        const names = g.names.slice(0, 3).join(", ") + (g.names.length > 3 ? ", …" : "");
        options.push({ code: c.code, label: `${c.code} ${names}`, r: g.r });
      }
    }
    return settle(options, [], options);
  }

  function byName(folded, entries = data.names) {
    const options = [];
    const exact = [];
    for (const p of entries) {
      let rank = -1;
      if (p.key === folded || p.short === folded) rank = 0;
      else if (p.key.startsWith(folded) || p.short.startsWith(folded)) rank = 1;
      else if (folded.length >= 3 && p.key.includes(` ${folded}`)) rank = 2;
      if (rank < 0) continue;
      if (rank === 0) exact.push(p.r);
      const label = p.region ? p.name : `${p.name} (${p.codes.length > 2 ? `${p.codes[0]}–${p.codes[p.codes.length - 1]}` : p.codes.join(", ")})`;
      options.push({ rank, label, r: p.r, region: p.region, name: p.name });
    }
    options.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name, "de") || (a.region ? 1 : 0) - (b.region ? 1 : 0));
    // a city's own name once: the place "Trier" and the city "Trier" are one choice
    const seen = new Set();
    const unique = options.filter((o) => { const k = `${o.name}\u0000${o.r}`; return !seen.has(k) && seen.add(k); });
    // "Landau": the town whose name begins so answers, not every "… bei Landau"
    const begins = unique.filter((o) => o.rank <= 1);
    return settle(unique, [...new Set(exact)], begins.length ? begins : unique);
  }

  // Answer at once when the entry names few districts or cities; otherwise let the reader choose.
  function settle(options, exact, best) {
    if (!options.length) return { message: text.none, options, answers: [] };
    const all = [...new Set(best.map((o) => o.r))];
    const answers = exact.length ? exact : (all.length <= ANSWERED ? all : []);
    const message = answers.length ? (answers.length > 1 ? text.several : "") : text.choose;
    return { message, options, answers };
  }

  // ---------------------------------------------------------------- showing
  let options = [];
  let active = -1;

  // A district's or city's name in the reader's script, with the German name (as on the signs) beside it.
  function regionName(region) {
    const local = names[region.id];
    return local ? [el("bdi", {}, local), " (", german(region.name), ")"] : [german(region.name)];
  }

  function regionLabel(r) {
    const region = data.regions[r];
    return [...regionName(region), ` (${kinds[region.kind]})`];
  }

  function renderAnswers(rs) {
    answer.replaceChildren();
    for (const r of rs) {
      const region = data.regions[r];
      const section = el("section", { class: "rg-finder__region" }, el("h3", {}, ...regionLabel(r)));
      // no counselling of its own confirmed: say so before naming the nearest
      if (region.counselling.length && region.counselling.every(([, way]) => way === "nearest" || way === "reception_centre_nearby")) {
        section.append(el("p", { class: "rg-finder__unconfirmed" }, text.unconfirmed));
        if (region.near.length) {
          // the reader's list separator ("، " in Arabic and Persian), from the browser's CLDR data
          const parts = new Intl.ListFormat(document.documentElement.lang, { type: "unit" }).formatToParts(region.near.map(String));
          const near = parts.flatMap((p) => (p.type === "element" ? regionName(data.regions[Number(p.value)]) : [p.value]));
          section.append(el("p", { class: "rg-finder__near" }, text.near, " ", ...near));
        }
      }
      const ul = el("ul");
      for (const [id, way] of region.counselling) {
        const card = cards.querySelector(`[data-card="${id}"]`);
        if (!card) continue;
        const item = card.cloneNode(true);
        item.querySelector("[data-how]").textContent = how[way];
        ul.append(item);
      }
      section.append(ul);
      answer.append(section);
    }
  }

  function open(show) {
    list.hidden = !show;
    input.setAttribute("aria-expanded", String(show));
    if (!show) setActive(-1);
  }

  function setActive(i) {
    const items = list.querySelectorAll("[role=option]");
    items.forEach((item, j) => item.setAttribute("aria-selected", String(j === i)));
    active = i;
    if (i >= 0 && items[i]) {
      input.setAttribute("aria-activedescendant", items[i].id);
      items[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function show(result, expand) {
    options = result.options.slice(0, SHOWN);
    list.replaceChildren(...options.map((o, i) => el("li", { id: `rg-finder-option-${i}`, role: "option", "aria-selected": "false", class: "rg-finder__option" },
      ...(o.region ? [...regionName(data.regions[o.r]), " · ", kinds[data.regions[o.r].kind]] : [german(o.label), " · ", ...regionLabel(o.r)]))));
    open(expand && options.length > 0);
    if (result.outside) {
      answer.replaceChildren(outside.cloneNode(true));
    } else {
      renderAnswers(result.answers);
    }
    const counted = result.options.length ? count(result.options.length) : "";
    status.textContent = [counted, result.message].filter(Boolean).join(" – ");
  }

  function choose(i) {
    const o = options[i];
    if (!o) return;
    input.value = o.region ? o.name : (o.code ? o.code : o.name);
    open(false);
    renderAnswers([o.r]);
    status.textContent = count(1);
  }

  function update(expand = true) {
    const value = input.value;
    if (!value.trim()) {
      show({ message: "", options: [], answers: [] }, false);
      return Promise.resolve();
    }
    return load().then(() => {
      if (input.value === value) show(match(value), expand);
    }, () => {
      open(false);
      answer.replaceChildren();
      status.textContent = text.failed;
    });
  }

  input.addEventListener("input", () => update());
  input.addEventListener("keydown", (event) => {
    const n = options.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!n) return;
      if (list.hidden) open(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive(active < 0 ? (step > 0 ? 0 : n - 1) : (active + step + n) % n);
    } else if (event.key === "Enter") {
      if (!list.hidden && active >= 0) {
        event.preventDefault();
        choose(active);
      }
    } else if (event.key === "Escape") {
      if (!list.hidden) open(false);
      else { input.value = ""; update(false); }
      event.preventDefault();
    }
  });
  list.addEventListener("click", (event) => {
    const item = event.target.closest("[role=option]");
    if (item) { choose(Number(item.id.split("-").pop())); input.focus(); }
  });
  list.addEventListener("mousedown", (event) => event.preventDefault()); // keep the focus in the field
  input.addEventListener("blur", () => open(false));
  // With the script, the form answers here instead of leading to the static pages.
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!input.value.trim()) {
      show({ message: text.empty, options: [], answers: [] }, false);
      return;
    }
    update(false);
  });
})();
