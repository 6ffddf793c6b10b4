/** Small server-rendered pages for signed-out browsers (no inline scripts; the SPA needs sign-in). */
export function page(title: string, body: string, script?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${script ? `<script src="${script}"></script>` : ""}
<meta name="color-scheme" content="light dark"><title>ChatML · ${escapeHtml(title)}</title>
<style>*,*::before,*::after{box-sizing:border-box}code{overflow-wrap:anywhere}</style></head>
<body style="font-family:system-ui;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5;overflow-wrap:break-word">${body}</body></html>`;
}

const HOW_TO_SIGN_IN = `<p>Open the sign-in link ChatML printed in the terminal where it runs. Each link works once, for a few minutes.</p>
<p><strong>Need a new link?</strong> On the computer running ChatML, run <code>bunx chatml login-link</code> (in a clone of ChatML's repository: <code>bun bin/chatml.ts login-link</code>;
add <code>--data-dir</code> if you started ChatML with one; the terminal that printed the first link names the exact
command). Or, on a device that is already signed in, open <strong>Devices → Pair a device</strong> and
scan the QR code or open its link here.</p>`;

/**
 * The signed-out page: how to sign in (and get a new link), and why this device was refused when there is a reason.
 * Its one script keeps the screen the address's hash names for after the sign-in (ADR 0251).
 */
export function signInPage(reason?: string): string {
  return page("sign in", `<h1>Sign in to ChatML</h1>${reason ? `<p role="alert"><strong>${escapeHtml(reason)}</strong></p>` : ""}${HOW_TO_SIGN_IN}`, "/keep-route.js");
}

/** A sign-in link that cannot be used (unknown, used or expired): what happened and how to get a new one. */
export function signInLinkFailedPage(message: string): string {
  return page("sign-in link", `<h1>This sign-in link does not work</h1><p role="alert"><strong>${escapeHtml(message)}</strong></p>${HOW_TO_SIGN_IN}`);
}

/** The pairing confirmation: a same-origin form post, so a link preview fetching the URL does not use the code. */
export function pairingPage(code: string, suggestedName: string, nameProblem?: string): string {
  // Why the name typed was refused, read with its field (aria-describedby) and marked on it (aria-invalid).
  const problem = nameProblem ? `<p id="name-problem" role="alert">${escapeHtml(nameProblem)}</p>` : "";
  const described = nameProblem ? ' aria-invalid="true" aria-describedby="name-problem"' : "";
  return page(
    "pair this device",
    `<h1>Sign in this device</h1><p>This one-time link signs this browser in to ChatML with its own key. You can sign it
out at any time from the Devices screen on another device.</p>
<form method="post" action="/pair"><input type="hidden" name="code" value="${escapeHtml(code)}">
<label>Device name<br><input name="name" value="${escapeHtml(suggestedName)}" maxlength="80"${described} style="font-size:1rem;padding:.5rem;width:100%"></label>${problem}
<p><button type="submit" style="font-size:1rem;padding:.6rem 1.2rem">Sign in</button></p></form>`,
  );
}

/** Why pairing failed. */
export function pairingErrorPage(message: string): string {
  return page("pairing failed", `<h1>Pairing failed</h1><p role="alert">${escapeHtml(message)}</p>${HOW_TO_PAIR_AGAIN}`);
}

/**
 * What a device whose pairing link failed does next. It scanned a QR code on another device, so that device's new
 * link comes first; the sign-in page's "open the link printed in the terminal" led a phone to a terminal it has not.
 */
const HOW_TO_PAIR_AGAIN = `<p><strong>Ask for a new link:</strong> on the device that showed the QR code, open <strong>Devices → Pair a device</strong>
and make a new pairing link, then scan it or open it here. Each link works once, for a few minutes.</p>
<p>At the computer running ChatML, <code>bunx chatml login-link</code> prints a sign-in link instead (in a clone of ChatML's
repository: <code>bun bin/chatml.ts login-link</code>; add <code>--data-dir</code> if you started ChatML with one).</p>`;

/** A pairing form posted from another site (a page tricking this browser into it): refused, nothing changed. */
export function crossSitePairingPage(): string {
  return page(
    "pairing refused",
    `<h1>Pairing refused</h1><p role="alert"><strong>This sign-in came from another website, so ChatML refused it.</strong> Nothing was changed and this browser was not signed in.</p>
<p>To pair this device, open the pairing link (or scan the QR code) from <strong>Devices → Pair a device</strong> on a device that is signed in to ChatML.</p>`,
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
