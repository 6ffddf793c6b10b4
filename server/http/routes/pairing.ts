import type { Context } from "hono";
import { linearApp } from "../linear-app.ts";
import { z } from "zod";
import { lazySchema } from "../../../shared/lazy-schema.ts";
import { DeviceName } from "../../../shared/api/device-name.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { RemoteAccess } from "../../core/remote/remote-access.ts";
import { pairingAddress, unreachableMessage } from "../../core/remote/pairing-address.ts";
import { limitBody } from "../middleware/body-limit.ts";
import { readCredentials } from "../../lib/request-auth.ts";
import { setDeviceCookie } from "../middleware/device-cookie.ts";
import { clientOf, isSameOriginRequest, isSignedIn, principalOf } from "../middleware/security.ts";
import type { AccessPolicy } from "../../lib/access-policy.ts";
import { crossSitePairingPage, pairingErrorPage, pairingPage } from "../pages.ts";
import { FORM_PAGE_REFERRER_POLICY } from "../security-headers.ts";
import { validate } from "../validate.ts";

// Built on first use, so that a start loads no zod (ADR 0183).
const PairingIdParam = lazySchema(() => z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, "expected a pairing link's id") }));
// An empty name takes the one the page offered; a name typed is checked as a Rename's is (DeviceName).
const PairForm = lazySchema(() => z.object({ code: z.string().min(1).max(100), name: z.string().trim().max(200).optional() }));

/**
 * `GET /api/pairing`: where a paired device would open ChatML (null when only this computer can reach it) and how to
 * restart it reachable. `POST /api/pairing`: a signed-in device makes a one-time link (and its QR code) for another.
 */
export function pairingApiRoutes(remote: RemoteAccess) {
  return linearApp()
    .get("/pairing", (c) => {
      const network = remote.network();
      return c.json({ address: pairingAddress(network, requestOrigin(c)), howToReach: network.howToReach });
    })
    .post("/pairing", async (c) => {
      const network = remote.network();
      const address = pairingAddress(network, requestOrigin(c));
      if (!address) throw new AppError("conflict", unreachableMessage(network.howToReach), { howToReach: network.howToReach });
      const principal = principalOf(c);
      const { code, id, expiresAt } = remote.pairing.create(principal.kind === "device" ? principal.device.id : null);
      const url = `${address}/pair?code=${code}`;
      // The QR encoder loads on first use: only pairing needs it.
      const { renderSVG } = await import("uqr");
      const qrSvg = renderSVG(url, { border: 1, ecc: "M" });
      // How long it works from now: a device counts down from it on its own clock, which may not agree with this one.
      return c.json({ id, url, expiresAt, expiresInMs: Math.max(0, expiresAt - Date.now()), qrSvg });
    })
    .get("/pairing/:id", validate("param", PairingIdParam), (c) => c.json({ device: remote.pairing.signedInWith(c.req.valid("param").id) }));
}

/** `GET /pair?code=` shows a confirmation form; `POST /pair` (same Origin only) uses the code and sets the cookie. */
export function pairingPages(remote: RemoteAccess, policy: AccessPolicy, bodyDeadlineBaseMs?: number) {
  return linearApp()
    .get("/pair", (c) => {
      c.header("cache-control", "no-store");
      const code = c.req.query("code");
      // No code is no sign-in attempt: it is not counted against anyone.
      if (!code) return c.html(pairingErrorPage("This pairing link has no code."), 400);
      try {
        const problem = remote.pairing.check(code, clientOf(c).address);
        // The phone that paired with this link reopens it (its history, the QR code scanned again): it is signed in.
        if (problem) return isSignedIn(c, remote.gate) ? c.redirect("/", 303) : c.html(pairingErrorPage(problem), 401);
      } catch (error) {
        if (error instanceof AppError && error.code === "rate_limited") return c.html(pairingErrorPage(error.message), 429);
        throw error;
      }
      c.header("referrer-policy", FORM_PAGE_REFERRER_POLICY);
      // A browser signed in already keeps its device (and its name) when it pairs again: offer that name, not a new one.
      const heldCookie = readCredentials(c.req.raw.headers).deviceCookie;
      const held = heldCookie ? remote.devices.verify(heldCookie, clientOf(c).address) : null;
      return c.html(pairingPage(code, held?.name ?? remote.devices.suggestName(c.req.header("user-agent") ?? null)));
    })
    .post("/pair", limitBody(bodyDeadlineBaseMs), async (c) => {
      if (!isSameOriginRequest(c, policy, null)) {
        console.warn(`[security] refused a cross-site pairing post from Origin ${JSON.stringify(c.req.header("origin") ?? null)}`);
        // The same refusal either way; a browser tricked into the post shows a page that says so instead of raw JSON.
        if (isBrowserNavigation(c)) return c.html(crossSitePairingPage(), 403);
        throw new AppError("forbidden", "Cross-site requests are not allowed.");
      }
      const fields = await formFields(c);
      if (!fields) return c.html(pairingErrorPage("The pairing form could not be read (its body was malformed)."), 400);
      const form = PairForm.safeParse(fields);
      if (!form.success) return c.html(pairingErrorPage("The pairing form was incomplete."), 400);
      // A name that cannot be used is said on the form, the code unspent and the name as typed: fixing it is one tap.
      const name = form.data.name ? DeviceName.safeParse(form.data.name) : null;
      if (name && !name.success) {
        c.header("referrer-policy", FORM_PAGE_REFERRER_POLICY);
        return c.html(pairingPage(form.data.code, form.data.name ?? "", name.error.issues[0]?.message), 400);
      }
      return redeem(c, remote, { code: form.data.code, ...(name?.success ? { name: name.data } : {}) });
    });
}

/** The posted form's fields as text, or null when its body cannot be parsed (a multipart body cut short, say). */
async function formFields(c: Context): Promise<Record<string, string> | null> {
  try {
    return Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, String(v)]));
  } catch (error) {
    // Hono's parser throws a TypeError for a body it cannot read; anything else is ours and must surface.
    if (!(error instanceof TypeError)) throw error;
    console.warn(`[http] POST /pair with an unreadable form body from ${clientOf(c).address}: ${error.message}`);
    return null;
  }
}

function redeem(c: Context, remote: RemoteAccess, form: { code: string; name?: string }): Response {
  try {
    const { cookie } = remote.pairing.redeem(form.code, {
      userAgent: c.req.header("user-agent") ?? null,
      address: clientOf(c).address,
      heldCookie: readCredentials(c.req.raw.headers).deviceCookie,
      ...(form.name ? { name: form.name } : {}),
    });
    setDeviceCookie(c, cookie);
    return c.redirect("/", 303);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // Sign in tapped twice: the first post used the code and set the cookie this second one carries.
    if (isSignedIn(c, remote.gate)) return c.redirect("/", 303);
    return c.html(pairingErrorPage(error.message), error.code === "rate_limited" ? 429 : 401);
  }
}

/** A browser opening a page (a form post, a link) rather than a script asking for data: it is shown HTML. */
function isBrowserNavigation(c: Context): boolean {
  return c.req.header("sec-fetch-mode") === "navigate" || (c.req.header("accept") ?? "").includes("text/html");
}

/** The origin this request named (behind a trusted proxy, with the scheme it reported). */
function requestOrigin(c: Context): string {
  const here = new URL(c.req.url);
  const scheme = clientOf(c).isSecure ? "https:" : here.protocol;
  return `${scheme}//${c.req.header("host") ?? here.host}`;
}
