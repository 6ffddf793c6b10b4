import { type DeviceRow } from "./remote-api.ts";
import { type GroupProps, SignOutGroup } from "./sign-out-group.tsx";

/** How long a device not connected has to be unseen to be offered for signing out with the others (Google's is 28). */
export const UNSEEN_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Rows this browser most likely left behind (signed in again after its cookie was lost, or before ChatML kept one row
 * per browser): devices not connected now whose browser reads exactly as this one's (make, version and system). Two
 * machines can read alike, so the action says "most likely" and asks first; any other device keeps its own Revoke.
 */
export function olderSignInsOf(current: DeviceRow | null, devices: readonly DeviceRow[]): DeviceRow[] {
  if (!current?.userAgent) return [];
  return devices.filter((d) => !d.isCurrent && !d.isConnected && d.userAgent === current.userAgent);
}

/**
 * Devices not connected and not seen for UNSEEN_DAYS or more, other than this one: each sign-in link opened in a fresh
 * browser adds a row, and those of other browsers ("Chrome on Android (7)") piled up with only one Revoke each.
 */
export function unseenDevicesOf(devices: readonly DeviceRow[], now: number): DeviceRow[] {
  return devices.filter((d) => !d.isCurrent && !d.isConnected && now - d.lastSeenAt >= UNSEEN_DAYS * DAY_MS);
}

/** One action for this browser's older sign-ins: "Sign out 3 older sign-ins of this browser", asked once. */
export function OlderSignIns({ devices, ...actions }: GroupProps) {
  const what = devices.length === 1 ? "1 older sign-in of this browser" : `${devices.length} older sign-ins of this browser`;
  return (
    <SignOutGroup
      label="Older sign-ins of this browser"
      devices={devices}
      summary={`${what[0]?.toUpperCase()}${what.slice(1)}, most likely: not connected, and their browser reads exactly as this one.`}
      question={`Sign out ${what}? Each one not connected now reads exactly as this browser (same make, version and system): most likely this browser signed in again. This device stays signed in.`}
      action={`Sign out ${what}`}
      {...actions}
    />
  );
}

/** One action for the devices unseen for a week or more: "Sign out 8 devices not seen for 7 days", asked once. */
export function UnseenDevices({ devices, ...actions }: GroupProps) {
  const what = devices.length === 1 ? `1 device not seen for ${UNSEEN_DAYS} days` : `${devices.length} devices not seen for ${UNSEEN_DAYS} days`;
  return (
    <SignOutGroup
      label="Devices not seen for a week"
      devices={devices}
      summary={`${what[0]?.toUpperCase()}${what.slice(1)} or more (marked below): sign-ins nobody has used since.`}
      question={`Sign out ${what} or more? Each has to be paired again to come back. This device and every one seen this week stay signed in.`}
      action={`Sign out ${what}`}
      {...actions}
    />
  );
}
