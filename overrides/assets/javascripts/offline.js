// Reading offline: register the service worker (sw.js at the site root) and hand it the
// pages to keep for this reader: the one they are reading with what it loaded, and the
// core pages of their language only (data-core). Show the offline notice when the
// connection drops, and when the service worker says that this page is the phone's copy (a
// message from the worker: no text in the page can imitate it).
(() => {
  const script = document.currentScript;
  const root = new URL("../../", script.src);
  const notice = document.querySelector("[data-rg-offline]");
  let copy = false;
  const show = () => { if (notice) notice.hidden = navigator.onLine && !copy; };
  window.addEventListener("offline", show);
  window.addEventListener("online", show);
  show();
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data && event.data.type === "copy" && event.data.saved) {
        copy = true;
        show();
      }
    });
    navigator.serviceWorker.startMessages();
    if (navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage({ type: "copy?" });
  }

  // "Forget saved pages" (offline notice, privacy page): everything this site keeps on this device
  // goes: the offline copies, the service worker, and the settings in the browser's storage.
  const forget = async () => {
    if (window.caches) await Promise.all((await caches.keys()).map((name) => caches.delete(name)));
    if ("serviceWorker" in navigator) {
      for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
    }
    try { localStorage.clear(); sessionStorage.clear(); } catch { /* storage switched off: nothing kept */ }
  };
  for (const button of document.querySelectorAll("[data-rg-forget]")) {
    const done = button.parentElement.querySelector("[data-rg-forget-done]");
    button.hidden = false;
    button.addEventListener("click", () => forget().then(() => { if (done) done.textContent = done.dataset.text; }));
  }

  if (!("serviceWorker" in navigator)) return;
  const keep = () => {
    const own = (url) => url.startsWith(root.href);
    const loaded = performance.getEntriesByType("resource").map((e) => e.name).filter(own);
    const core = script.dataset.core.split(" ").map((path) => new URL(path, root).href);
    return { type: "keep", urls: [location.href.split("#")[0], ...core, ...loaded] };
  };
  // After the page has loaded: the worker's start and its first downloads never compete with
  // the page a reader on a slow phone is waiting for (and every resource of the page is known).
  const register = () => navigator.serviceWorker.register(new URL("sw.js", root)).then(() => navigator.serviceWorker.ready)
    .then((registration) => registration.active.postMessage(keep()))
    .catch(() => {}); // no offline copy (private mode, an old browser): the site still works
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
})();
