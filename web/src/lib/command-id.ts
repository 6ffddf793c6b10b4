/**
 * A fresh client command id (matches the shared `CommandId` regex). `crypto.randomUUID` exists only in secure
 * contexts, and a phone on the LAN uses plain http, so fall back to `getRandomValues`, which works everywhere.
 */
export function newCommandId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID().replace(/-/g, "");
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
