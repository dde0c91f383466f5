// Service worker: a reader who opened the site once can read their pages again offline.
// Pages: from the network when there is one (always current); from the phone's copy when there
// is none or when the network has not answered within PAGE_TIMEOUT (a weak signal), unchanged:
// the page learns by a message that it is the copy and shows the offline notice (offline.js);
// nothing in a page's text can imitate that message or hide the notice.
// Assets: from the copy, refreshed in the background.
// Only what the reader opened and the core pages of their language are kept (offline.js
// says which); nothing of another language is fetched unasked, nothing from another host.
// The build writes its version here (returnguide/site/fingerprint.py: a hash of the fingerprinted
// assets and of this file); a new build's worker deletes the caches of every older build.
const VERSION = "rg-dev";
const PAGES = `${VERSION}-pages`;
const ASSETS = `${VERSION}-assets`;
// A phone may be shared (in a reception centre, in a family): everything kept is kept for 30 days
// at most, and 40 pages at most (the oldest go first); a page's own files (its QR code, a
// location's vCard, an event's calendar file: they tell which page was read) go with their page;
// the files every page shares (the stylesheet, scripts, search indexes) are capped too; "forget"
// clears everything at once. The privacy page states this rule.
const MAX_AGE = 30 * 24 * 3600 * 1000;
const MAX_PAGES = 40;
const MAX_SHARED = 60;
const PAGE_TIMEOUT = 3000; // ms before a saved copy answers for a network that is too slow

// A copy that says when it was saved and, for a file, which page loaded it.
const SAVED = "x-rg-saved";
const OWNER = "x-rg-page";
const stamped = async (response, owner) => {
  const headers = new Headers(response.headers);
  headers.set(SAVED, String(Date.now()));
  if (owner) headers.set(OWNER, owner);
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
};
const savedAt = (response) => Number(response.headers.get(SAVED)) || 0;

// The pages this worker answered from the copy, by the id of the window that shows them: the
// page asks ("copy?") once its script runs, and the worker also tells it as soon as it exists.
const fromCopy = new Map();
const COPY_ANSWERS = 20; // the most recent windows remembered
function answeredFromCopy(clientId, saved) {
  if (!clientId) return;
  fromCopy.set(clientId, saved);
  while (fromCopy.size > COPY_ANSWERS) fromCopy.delete(fromCopy.keys().next().value);
}
async function tellCopy(clientId) {
  for (let tries = 0; clientId && tries < 50; tries += 1) {
    const client = await self.clients.get(clientId);
    if (client) {
      client.postMessage({ type: "copy", saved: fromCopy.get(clientId) || 0 });
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The files every page shares (not one page's own).
const SHARED = /^\/(assets|search)\//;
const shared = (url) => SHARED.test(new URL(url).pathname);

// Everything older than MAX_AGE goes; then the oldest pages beyond MAX_PAGES, the files of every
// page that went, and the oldest shared files beyond MAX_SHARED. (A file goes when its page goes,
// not when its page is missing: the page and its files are saved at nearly the same moment, in
// either order.)
async function expire(cache, now) {
  const kept = [];
  const gone = [];
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    const when = response ? savedAt(response) : 0;
    if (!response || now - when > MAX_AGE) {
      await cache.delete(request);
      gone.push(request);
    } else kept.push({ request, when, owner: response.headers.get(OWNER) });
  }
  return { kept: kept.sort((a, b) => b.when - a.when), gone };
}
async function pruneOnce() {
  const now = Date.now();
  const pages = await caches.open(PAGES);
  const saved = await expire(pages, now);
  const over = saved.kept.slice(MAX_PAGES).map((e) => e.request);
  await Promise.all(over.map((request) => pages.delete(request)));
  const gone = new Set([...saved.gone, ...over].map((request) => key(request.url)));
  const assets = await caches.open(ASSETS);
  const files = (await expire(assets, now)).kept;
  await Promise.all([
    ...files.filter((e) => shared(e.request.url)).slice(MAX_SHARED).map((e) => assets.delete(e.request)),
    ...files.filter((e) => !shared(e.request.url) && gone.has(e.owner)).map((e) => assets.delete(e.request)),
  ]);
}
// One pruning at a time; a call during one runs it once more afterwards.
let pruning = null;
let again = false;
function prune() {
  if (pruning) {
    again = true;
    return pruning;
  }
  pruning = (async () => {
    do {
      again = false;
      await pruneOnce();
    } while (again);
  })().finally(() => { pruning = null; });
  return pruning;
}

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  // Old builds' pages refer to old builds' assets: both go, and offline.js keeps the reader's
  // pages again with this build's files on their next visit.
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => ![PAGES, ASSETS].includes(n)).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

// One copy per address: "#section" and "?utm_campaign=…" do not make another page.
const key = (url) => { const u = new URL(url); return u.origin + u.pathname; };

const isPage = (request) => request.mode === "navigate" || (request.headers.get("accept") || "").includes("text/html");

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "copy?") {
    const id = event.source && event.source.id;
    if (id && fromCopy.has(id)) event.source.postMessage({ type: "copy", saved: fromCopy.get(id) });
    return;
  }
  if (event.data && event.data.type === "forget") {
    event.waitUntil(caches.keys().then((names) => Promise.all(names.map((n) => caches.delete(n))))
      .then(() => event.source && event.source.postMessage({ type: "forgotten" })));
    return;
  }
  if (!event.data || event.data.type !== "keep") return;
  const urls = [...new Set(event.data.urls.map(key))].filter((u) => new URL(u).origin === self.location.origin);
  const owner = event.source && event.source.url ? key(event.source.url) : null;
  event.waitUntil(Promise.all(urls.map(async (url) => {
    const page = url.endsWith("/") || url.endsWith(".html");
    const cache = await caches.open(page ? PAGES : ASSETS);
    if (await cache.match(url)) return;
    try {
      const response = await fetch(url, { credentials: "omit" });
      if (response.ok) await cache.put(url, await stamped(response, page ? null : owner));
    } catch { /* offline already: keep what we have */ }
  })).then(prune).then(() => event.source && event.source.postMessage({ type: "kept" })));
});

const usable = (copy) => copy && Date.now() - savedAt(copy) <= MAX_AGE ? copy : null;
const later = (ms) => new Promise((resolve) => setTimeout(() => resolve(null), ms));

async function page(request, event) {
  const cache = await caches.open(PAGES);
  const network = fetch(request).then(async (response) => {
    if (response.ok) {
      await cache.put(key(request.url), await stamped(response.clone()));
      await prune();
    }
    return response;
  });
  const copy = usable(await cache.match(key(request.url)));
  if (!copy) return network; // nothing saved: the network, however slow, or the browser's error
  const answer = await Promise.race([network.catch(() => null), later(PAGE_TIMEOUT)]);
  if (answer) return answer;
  event.waitUntil(network.catch(() => {})); // a late answer is still saved for the next visit
  if (!(copy.headers.get("content-type") || "").includes("text/html")) return copy; // a saved leaflet
  answeredFromCopy(event.resultingClientId, savedAt(copy));
  event.waitUntil(tellCopy(event.resultingClientId));
  return copy;
}

async function asset(request, event) {
  const pdf = request.url.endsWith(".pdf");
  const cache = await caches.open(pdf ? PAGES : ASSETS);
  const copy = usable(await cache.match(request));
  const network = fetch(request).then(async (response) => {
    if (response.ok) {
      // the page that loaded a file owns it (a saved copy is answered without waiting for this)
      const client = !pdf && event.clientId ? await self.clients.get(event.clientId) : null;
      await cache.put(request, await stamped(response.clone(), client ? key(client.url) : null));
      await prune();
    }
    return response;
  });
  if (copy) {
    event.waitUntil(network.catch(() => {}));
    return copy;
  }
  return network;
}

// The web editor (admin/) is never cached: it works on a checkout or on the Git host, live.
const EDITOR = new URL("admin/", self.registration.scope).pathname;

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith(EDITOR)) return;
  event.respondWith(isPage(request) ? page(request, event) : asset(request, event));
});
