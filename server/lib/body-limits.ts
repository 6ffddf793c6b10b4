import { MAX_IMAGE_BASE64_CHARS, MAX_PROMPT_CHARS } from "../../shared/api/inputs.ts";
import { AppError } from "../../shared/protocol/errors.ts";

/** Sign-in and pairing forms: a code and a device name. */
export const FORM_BODY_BYTES = 8 * 1024;
/** Any other API request: JSON inputs (settings, scripts, env sets, file saves). */
export const API_BODY_BYTES = 4 * 1024 * 1024;
/**
 * A message: up to ten images (base64) and the longest prompt (JSON may escape a character as six bytes). More than
 * a message's images may take together (MAX_MESSAGE_IMAGES_BASE64_CHARS), so that the schema refuses them naming that
 * limit instead of a bare "body too large".
 */
export const MESSAGE_BODY_BYTES = 10 * MAX_IMAGE_BASE64_CHARS + MAX_PROMPT_CHARS * 6 + 64 * 1024;

/** Per-route limits, the first match wins; a route that accepts more adds its line here. */
const ROUTE_LIMITS: { method: string; path: RegExp; bytes: number }[] = [
  { method: "POST", path: /^\/api\/conversations\/[^/]+\/messages$/, bytes: MESSAGE_BODY_BYTES },
  { method: "POST", path: /^\/api\/conversations\/[^/]+\/queue$/, bytes: MESSAGE_BODY_BYTES },
  { method: "*", path: /^\/api\//, bytes: API_BODY_BYTES },
];

/** The most any request may send; Bun refuses larger bodies before handing them to us. */
export const MAX_BODY_BYTES = Math.max(FORM_BODY_BYTES, ...ROUTE_LIMITS.map((limit) => limit.bytes));

/** The body limit of a request; everything else outside /api (sign-in, pairing) gets the form limit. */
export function bodyLimitFor(method: string, path: string): number {
  return ROUTE_LIMITS.find((limit) => (limit.method === "*" || limit.method === method) && limit.path.test(path))?.bytes ?? FORM_BODY_BYTES;
}

/** What any body may take before the time its size allows (the server's `bodyDeadlineBaseMs`; tests shorten it). */
const BODY_DEADLINE_BASE_MS = 10_000;

/** How long a body may take: ten seconds plus 100 KB/s for what it says it carries (slow bodies are dropped). */
export function bodyDeadlineMs(bytes: number, baseMs = BODY_DEADLINE_BASE_MS): number {
  return baseMs + Math.ceil(bytes / 100);
}

/**
 * Reads a request body up to `limit` bytes within `deadlineMs`, or throws `payload_too_large` / `request_timeout`
 * and cancels the stream. A declared Content-Length over the limit is refused before a byte is read.
 */
export async function readBodyWithin(request: Request, limit: number, deadlineMs: number): Promise<ArrayBuffer> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (!request.body) return new ArrayBuffer(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError("request_timeout", "The request body arrived too slowly.")), deadlineMs);
  });
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), deadline]);
      if (done) break;
      total += value.byteLength;
      if (total > limit) throw tooLarge(limit);
      chunks.push(value);
    }
  } catch (error) {
    void reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return concat(chunks, total);
}

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `The request body is larger than this route accepts (${limit} bytes).`, { limit });
}

function concat(chunks: Uint8Array[], total: number): ArrayBuffer {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out.buffer;
}
