// ChatML service worker: caches the app shell so the app opens instantly (and offline), and shows Web Push
// notifications whose Allow / Deny buttons answer the permission without opening the app. Plain JavaScript: files in
// web/public are copied as they are. The API and sockets are never cached: their data must be live.
const VERSION = new URL(self.location.href).searchParams.get("v") || "dev";
const CACHE = `chatml-shell-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(precacheShell().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith("chatml-shell-") && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim())
      // Not waited for: the navigation's own request waits for this worker to finish activating.
      .then(() => void retrySwallowedSignIns()),
  );
});

/**
 * Workers before this one answered sign-in links with the cached app shell, so a page can sit at `/sign-in?code=…`
 * signed out, its code never sent (the server answers such a link with a redirect or its own page). The link that
 * brought this worker in was one of them: it is opened again, now reaching the server, instead of taking another.
 */
async function retrySwallowedSignIns() {
  const windows = await self.clients.matchAll({ type: "window" });
  await Promise.all(
    windows.map((client) => {
      const url = new URL(client.url);
      if (url.origin !== self.location.origin || url.pathname !== "/sign-in" || !url.searchParams.has("code") || !("navigate" in client)) return undefined;
      return client.navigate(client.url).catch((error) => console.warn("chatml: could not open the sign-in link again", error));
    }),
  );
}

/**
 * The index page, the hashed assets it loads, and the lazy chunks its first screen loads (the socket's frame schemas,
 * the screens behind routes), which the build names in a meta tag (scripts/shell-chunks.ts, ADR 0263): a cached page
 * of an older build finds them here once the updated server no longer has them, and an installed app starts offline.
 */
async function precacheShell() {
  const cache = await caches.open(CACHE);
  const response = await fetch("/", { credentials: "same-origin", cache: "no-store" });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.addAll([...shellAssetsOf(html), "/manifest.webmanifest", "/icons/icon-192.png"]);
  // The page last: a shell cached without its chunks would start a page that cannot load them.
  await cache.put("/", response);
}

/** What an index page loads and names for its first screen (shared/build-id.ts `shellAssetsOf`, which the web uses). */
function shellAssetsOf(html) {
  const loaded = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
  const lazy = /<meta name="chatml-shell-chunks" content="([^"]*)"/.exec(html)?.[1]?.split(" ") ?? [];
  return [...new Set([...loaded, ...lazy])].filter((file) => file.startsWith("/assets/"));
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/") || url.pathname.startsWith("/ws")) return;
  // The app is one page at "/" (its screens are in the hash); any other page (a sign-in or pairing link) is the
  // server's to answer: served the cached shell, a new sign-in link signed nobody in.
  if (request.mode === "navigate" && url.pathname === "/" && !url.searchParams.has("token")) {
    event.respondWith(shellFirst(event));
  } else if (url.pathname.startsWith("/assets/")) {
    event.respondWith(caches.match(request).then((hit) => hit || fetchAndCache(request)));
  }
});

/** Serves the cached shell at once and refreshes it in the background; without a cache, the network. */
async function shellFirst(event) {
  const cached = await caches.match("/");
  const fresh = fetch("/", { credentials: "same-origin", cache: "no-store" }).then(async (response) => {
    // Only a signed-in 200 replaces the shell; a sign-in page (401) is shown, never cached.
    if (response.ok) await (await caches.open(CACHE)).put("/", response.clone());
    return response;
  });
  if (cached) {
    event.waitUntil(fresh.catch(() => undefined));
    return cached;
  }
  return fresh;
}

async function fetchAndCache(request) {
  const response = await fetch(request);
  if (response.ok) await (await caches.open(CACHE)).put(request, response.clone());
  return response;
}

self.addEventListener("push", (event) => {
  const data = event.data ? event.data.json() : { title: "ChatML", body: "" };
  event.waitUntil(
    self.registration.showNotification(data.title, {
      body: data.body,
      tag: data.tag,
      icon: "/icons/icon-192.png",
      badge: "/icons/icon-192.png",
      data,
      actions: data.actions || [],
      requireInteraction: Boolean(data.requestId),
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  const data = event.notification.data || {};
  event.notification.close();
  if ((event.action === "allow" || event.action === "deny") && data.requestId) {
    event.waitUntil(answerPermission(data, event.action));
  } else {
    event.waitUntil(openConversation(data.url || "/"));
  }
});

/** Answers from the notification itself (the cookie and our Origin go along, as from the app). */
async function answerPermission(data, decision) {
  const commandId = `cmdsw${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const response = await fetch(`/api/conversations/${data.conversationId}/permissions/${data.requestId}`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ commandId, decision }),
  });
  if (!response.ok) {
    await self.registration.showNotification("ChatML could not answer", {
      body: "Open the conversation to answer there.",
      tag: data.tag,
      data: { url: data.url },
    });
  }
}

/** Focuses an open ChatML window on the conversation, or opens one. */
async function openConversation(url) {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const client of windows) {
    if (new URL(client.url).origin !== self.location.origin) continue;
    await client.focus();
    if ("navigate" in client) return client.navigate(url);
    return client;
  }
  return self.clients.openWindow(url);
}
