import { existsSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";

const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

/** The built app's files (dist/web): brotli or gzip copies made at build time when the browser takes them. */
export class StaticFiles {
  constructor(private readonly webRoot: string) {}

  /** The file under the web root for `path`, or null (a path that leaves the root is null too). */
  resolve(path: string): string | null {
    const relative = normalize(decodeURIComponent(path)).replace(/^(\.\.[/\\])+/, "");
    const candidate = join(this.webRoot, relative);
    if (!candidate.startsWith(this.webRoot) || relative === "/" || candidate.endsWith("/")) return null;
    return existsSync(candidate) && statSync(candidate).isFile() ? candidate : null;
  }

  /** Serves `file` (from {@link resolve}), pre-compressed when `acceptEncoding` allows; hashed assets cache forever. */
  serve(file: string, acceptEncoding: string | undefined, cacheControl: string): Response {
    const headers: Record<string, string> = { "cache-control": cacheControl, vary: "accept-encoding" };
    const type = Bun.file(file).type;
    const encoding = ENCODINGS.find((e) => accepts(acceptEncoding, e.name) && existsSync(file + e.suffix));
    if (!encoding) return new Response(Bun.file(file), { headers });
    headers["content-encoding"] = encoding.name;
    headers["content-type"] = type;
    return new Response(Bun.file(file + encoding.suffix), { headers });
  }

  /** The SPA's index page (every route that is not a file). */
  index(acceptEncoding: string | undefined): Response | null {
    const file = join(this.webRoot, "index.html");
    if (!existsSync(file)) return null;
    const response = this.serve(file, acceptEncoding, "no-cache");
    response.headers.set("content-type", "text/html; charset=utf-8");
    return response;
  }
}

/** Whether an Accept-Encoding header takes `name` (a `q=0` refuses it). */
export function accepts(header: string | undefined, name: string): boolean {
  if (!header) return false;
  return header.split(",").some((item) => {
    const [token, ...params] = item.trim().toLowerCase().split(";");
    if (token !== name && token !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** Hashed build outputs never change under one name. */
export function cacheControlFor(path: string): string {
  return path.startsWith("/assets/") && extname(path) !== "" ? "public, max-age=31536000, immutable" : "no-cache";
}
