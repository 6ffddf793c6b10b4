/**
 * The zod schemas the app checks what the server sends with: a chunk of its own, so the first load carries no zod
 * (ADR 0250). The socket starts loading it as it starts; {@link loadWireSchemas} hands it out.
 */
export { ApiErrorBody, ServerFrame } from "../../../shared/index.ts";
