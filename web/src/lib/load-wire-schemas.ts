import type * as WireSchemasModule from "./wire-schemas.ts";

/** The schemas of the wire-schemas chunk. */
export type WireSchemas = typeof WireSchemasModule;

let loading: Promise<WireSchemas> | null = null;

/** Loads the wire schemas' chunk (ADR 0250) once; a failed load (a network blip) is tried again on the next call. */
export function loadWireSchemas(): Promise<WireSchemas> {
  loading ??= import("./wire-schemas.ts").catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
