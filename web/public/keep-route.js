// The server's sign-in page runs this: it keeps the screen a signed-out browser was sent to (`#/c/<id>`…, which
// never reaches the server) for the app to open once signed in (ADR 0251). The app checks what it reads; the same
// key and shape as web/src/features/shell/return-route.ts.
try {
  if (location.hash.startsWith("#/") && location.hash.length <= 300) localStorage.setItem("chatml.returnRoute", JSON.stringify({ hash: location.hash, at: Date.now() }));
} catch (error) {
  console.warn("chatml: the screen asked for is not kept through the sign-in", error);
}
