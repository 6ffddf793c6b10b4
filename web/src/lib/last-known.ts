import type { PresenceDevice } from "../../../shared/index.ts";
import { dotJoin } from "./dot-join.ts";
import { lowerFirst } from "./lower-first.ts";

/** A status dot that is only what was last heard: faint and still (no pulse), so it does not read as live. */
export const LAST_KNOWN_DOT = "opacity-40";

/**
 * What was heard before the connection was lost, said as no more than that (ADR 0174): a list's short form.
 * @example lastKnownShort("Running") // "Last known: running"
 */
export function lastKnownShort(text: string): string {
  return `Last known: ${lowerFirst(text)}`;
}

/**
 * A status said while the connection is lost: what the server last said, and that it is no more than that. Nothing is
 * known to run, wait or sleep while the page hears nothing; "Running" would claim it does.
 * @example lastKnown("Running") // "Last known: running · connection lost"
 */
export function lastKnown(text: string): string {
  return dotJoin([lastKnownShort(text), "connection lost"]);
}

/**
 * Who watches a conversation, as the top bar and the phone's status details say it. While the connection is lost the
 * server sees no one of this page and the page hears of no one else: it is who was here when it last heard.
 * @example presenceText([a, b], false) // "2 devices here: Phone, Laptop"
 */
export function presenceText(devices: readonly PresenceDevice[], isLastKnown: boolean): string {
  const text = devices.length === 1 ? "Only this device here" : `${devices.length} devices here: ${devices.map((d) => d.name).join(", ")}`;
  return isLastKnown ? lastKnownShort(text) : text;
}
