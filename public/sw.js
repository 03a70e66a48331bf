// Hope Home's service worker: a page opened with no network (a reload, Back to a page the
// browser did not keep, the app opened in a village without a signal) shows the school's
// offline page, not the browser's. It keeps that one page and nothing else: nothing about a
// child, nobody's page; every request goes to the network as it would without it.
const OFFLINE = "/offline.html";
const KEPT = "hope-offline-1";

self.addEventListener("install", (event) => {
  // What is not a page never wakes this worker, where the browser can be told so.
  try {
    event.addRoutes?.({ condition: { not: { requestMode: "navigate" } }, source: "network" })?.catch(() => {});
  } catch (_) {
    // An older browser: the fetch listener below leaves those requests alone.
  }
  event.waitUntil(
    caches
      .open(KEPT)
      .then((kept) => kept.add(new Request(OFFLINE, { credentials: "omit" })))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== KEPT).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

// The kept page under a policy of its own: its style inside it, nothing else at all (the
// app's style sheet is not kept, and the page the server sent named its own nonce).
const POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

self.addEventListener("fetch", (event) => {
  if (event.request.mode !== "navigate") return;
  event.respondWith(
    fetch(event.request).catch(async () => {
      const kept = await caches.match(OFFLINE);
      const headers = { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": POLICY };
      return kept ? new Response(kept.body, { headers }) : Response.error();
    }),
  );
});
