// The entry of dist/server/zod.js, which the bundle loads when it first builds a schema (scripts/build-server.ts, ADR 0183).
export { z } from "zod";
