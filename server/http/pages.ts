/** Small server-rendered pages for signed-out browsers (no scripts; the SPA needs sign-in). */
export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark"><title>ChatML · ${escapeHtml(title)}</title></head>
<body style="font-family:system-ui;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5">${body}</body></html>`;
}

/** The signed-out page: how to sign in, and why this device was refused when there is a reason. */
export function signInPage(reason?: string): string {
  return page(
    "sign in",
    `<h1>Sign in to ChatML</h1>${reason ? `<p role="alert"><strong>${escapeHtml(reason)}</strong></p>` : ""}
<p>Open the link ChatML printed in the terminal where it runs (it carries a one-time sign-in token), or open a pairing
link / scan the pairing QR code from a device that is already signed in (Devices → Pair a device).</p>`,
  );
}

/** The pairing confirmation: a same-origin form post, so a link preview fetching the URL does not use the code. */
export function pairingPage(code: string, suggestedName: string): string {
  return page(
    "pair this device",
    `<h1>Sign in this device</h1><p>This one-time link signs this browser in to ChatML with its own key. You can sign it
out at any time from the Devices screen on another device.</p>
<form method="post" action="/pair"><input type="hidden" name="code" value="${escapeHtml(code)}">
<label>Device name<br><input name="name" value="${escapeHtml(suggestedName)}" maxlength="80" style="font-size:1rem;padding:.5rem;width:100%"></label>
<p><button type="submit" style="font-size:1rem;padding:.6rem 1.2rem">Sign in</button></p></form>`,
  );
}

/** Why pairing failed. */
export function pairingErrorPage(message: string): string {
  return page("pairing failed", `<h1>Pairing failed</h1><p role="alert">${escapeHtml(message)}</p>`);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
