import { z } from "zod";
import { lazySchema } from "../lazy-schema.ts";

/**
 * What a device's name may not hold: line breaks and other control characters, and text-direction overrides. A name is
 * one line beside others (the Devices list, "Answered on …") and is written into the security log, where a line break
 * forged a log line of its own and a right-to-left override showed "Chrome on Linux" as some other name.
 */
const NOT_IN_DEVICE_NAMES = /[\p{Cc}\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

/**
 * A name stored before the rule above: its forbidden characters become spaces (a line break read as one), runs of
 * spaces one, cut to 80; empty after that, `fallback`. The same rule, so a cleaned name passes {@link DeviceName}.
 */
export function cleanDeviceName(name: string, fallback: string): string {
  const cleaned = name.replace(new RegExp(NOT_IN_DEVICE_NAMES.source, "gu"), " ").replace(/\s+/gu, " ").trim().slice(0, 80).trim();
  return cleaned === "" ? fallback : cleaned;
}

/** A device's name, as typed on the pairing page or in Rename. */
export const DeviceName = lazySchema(() =>
  z
    .string()
    .trim()
    .min(1, "A device name cannot be empty.")
    .max(80, "A device name is at most 80 characters.")
    .refine((name) => !NOT_IN_DEVICE_NAMES.test(name), "A device name cannot hold line breaks, tabs or invisible control characters (such as text-direction marks)."),
);
