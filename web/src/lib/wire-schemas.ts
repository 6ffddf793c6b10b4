/**
 * The zod schemas the app checks what the server sends with: a chunk of its own, so the first load carries no zod
 * (ADR 0250). The boot starts loading it; `loadWireSchemas` hands it out.
 */
export { ApiErrorBody, ServerFrame } from "../../../shared/index.ts";
