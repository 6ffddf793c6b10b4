import { readFileSync } from "node:fs";

/** Resident memory of a process in MiB, from /proc (Linux); null where /proc is not available. */
export function rssMiB(pid: number): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((entry) => entry.startsWith("VmRSS:"));
    return line ? Number(line.replace(/\D+/g, "")) / 1024 : null;
  } catch (error) {
    console.warn(`[bench] cannot read /proc/${pid}/status:`, error instanceof Error ? error.message : error);
    return null;
  }
}

/** A process's RSS in MiB, split into private memory (RssAnon) and file-backed pages (RssFile: mostly the Bun executable's). */
export type Memory = { rss: number; anon: number; file: number };

/** Reads a process's split memory from /proc (Linux). */
export function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const mib = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN) / 1024;
  return { rss: mib("VmRSS"), anon: mib("RssAnon"), file: mib("RssFile") };
}

/** p-th percentile (0–100) of an unsorted sample, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** The machine the figures ran on, for docs/performance.md. */
export function machine(): { cpu: string; cores: number; memGiB: number; os: string; bun: string } {
  const cpuinfo = safeRead("/proc/cpuinfo");
  const cpu = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? "unknown";
  const memKiB = Number(/MemTotal:\s*(\d+)/.exec(safeRead("/proc/meminfo"))?.[1] ?? 0);
  const os = /PRETTY_NAME="([^"]+)"/.exec(safeRead("/etc/os-release"))?.[1] ?? process.platform;
  return { cpu, cores: navigator.hardwareConcurrency, memGiB: Math.round(memKiB / 1024 / 1024), os, bun: Bun.version };
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    console.warn(`[bench] cannot read ${path}:`, error instanceof Error ? error.message : error);
    return "";
  }
}
