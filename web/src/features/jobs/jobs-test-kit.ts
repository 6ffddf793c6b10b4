import { vi } from "vitest";
import { jsonResponse } from "../../test-support/dom-tests.ts";

type FetchArgs = [input: string | URL | Request, init?: RequestInit];

const urlOf = (input: FetchArgs[0]) => (typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
const isPreview = ([input]: FetchArgs) => urlOf(input).includes("/schedule-preview");

/**
 * Stubs `fetch` for a jobs screen: a schedule's preview of its next runs (asked 250 ms after a schedule shows, so on a
 * busy machine during any test) gets `preview`; every other call gets `answer`. `calls()` lists the other calls.
 */
export function stubJobsFetch(answer: unknown, preview: { description: string; nextFireTimes: number[]; clockZone?: string | null } = { description: "every day", nextFireTimes: [] }) {
  const fetch = vi.fn(async (...args: FetchArgs) => jsonResponse(isPreview(args) ? preview : answer));
  vi.stubGlobal("fetch", fetch);
  return { calls: () => fetch.mock.calls.filter((args) => !isPreview(args)) };
}
