// Service worker: a reader who opened the site once can read their pages again offline.
// Pages: from the network when there is one (always current), else from the phone's copy,
// unchanged: the page learns by a message that it is the copy and shows the offline notice
// (offline.js); nothing in a page's text can imitate that message or hide the notice.
// Assets: from the copy, refreshed in the background.
// Only what the reader opened and the core pages of their language are kept (offline.js
// says which); nothing of another language is fetched unasked, nothing from another host.
// The build writes its version here (returnguide/fingerprint.py: a hash of the fingerprinted
// assets and of this file); a new build's worker deletes the caches of every older build.
const VERSION = "rg-dev";
const PAGES = `${VERSION}-pages`;
const ASSETS = `${VERSION}-assets`;
// A phone may be shared (in a reception centre, in a family): saved pages are kept for 30 days
// at most, 40 pages at most (the oldest go first), and "forget" clears everything at once.
const MAX_AGE = 30 * 24 * 3600 * 1000;
const MAX_PAGES = 40;
const SAVED = "x-rg-saved";

// A copy that says when it was saved.
const stamped = async (response) => {
  const headers = new Headers(response.headers);
  headers.set(SAVED, String(Date.now()));
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

// Drop copies older than MAX_AGE, then the oldest beyond MAX_PAGES.
async function prune() {
  const cache = await caches.open(PAGES);
  const now = Date.now();
  const entries = [];
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    const when = response ? savedAt(response) : 0;
    if (!response || now - when > MAX_AGE) await cache.delete(request);
    else entries.push({ request, when });
  }
  entries.sort((a, b) => b.when - a.when);
  await Promise.all(entries.slice(MAX_PAGES).map((e) => cache.delete(e.request)));
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
  event.waitUntil(Promise.all(urls.map(async (url) => {
    const page = url.endsWith("/") || url.endsWith(".html");
    const cache = await caches.open(page ? PAGES : ASSETS);
    if (await cache.match(url)) return;
    try {
      const response = await fetch(url, { credentials: "omit" });
      if (response.ok) await cache.put(url, page ? await stamped(response) : response);
    } catch (error) { /* offline already: keep what we have */ }
  })).then(prune).then(() => event.source && event.source.postMessage({ type: "kept" })));
});

async function page(request, event) {
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(key(request.url), await stamped(response.clone()));
      await prune();
    }
    return response;
  } catch (error) {
    const copy = await cache.match(key(request.url));
    if (!copy || Date.now() - savedAt(copy) > MAX_AGE) throw error;
    if (!(copy.headers.get("content-type") || "").includes("text/html")) return copy; // a saved leaflet
    answeredFromCopy(event.resultingClientId, savedAt(copy));
    event.waitUntil(tellCopy(event.resultingClientId));
    return copy;
  }
}

async function asset(request, event) {
  const pdf = request.url.endsWith(".pdf");
  const cache = await caches.open(pdf ? PAGES : ASSETS);
  const copy = await cache.match(request);
  const fresh = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(request, pdf ? await stamped(response.clone()) : response.clone());
    if (pdf) await prune();
    return response;
  });
  if (copy) {
    event.waitUntil(fresh.catch(() => {}));
    return copy;
  }
  return fresh;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(isPage(request) ? page(request, event) : asset(request, event));
});
