import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { DEVICE_COOKIE } from "../../lib/request-auth.ts";
import { clientOf } from "./security.ts";

const ONE_YEAR_S = 60 * 60 * 24 * 365;

/** Sets a device's sign-in cookie: HttpOnly, SameSite=Strict, Secure whenever the client reached us over HTTPS. */
export function setDeviceCookie(c: Context, value: string): void {
  setCookie(c, DEVICE_COOKIE, value, { httpOnly: true, sameSite: "Strict", path: "/", secure: clientOf(c).isSecure, maxAge: ONE_YEAR_S });
}

/** Drops a stale (revoked or unknown) device cookie so the browser stops presenting it. */
export function clearDeviceCookie(c: Context): void {
  deleteCookie(c, DEVICE_COOKIE, { path: "/", secure: clientOf(c).isSecure, httpOnly: true, sameSite: "Strict" });
}
