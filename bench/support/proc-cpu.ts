import { readdirSync, readFileSync } from "node:fs";

/** CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat (Linux; children not included). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name may contain spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS;
}

/** CPU ms each thread of a process has used so far, by thread id, with its name (from /proc/<pid>/task). */
export type ThreadCpu = Map<string, { name: string; ms: number }>;

/**
 * Reads every thread's CPU (Bun's main thread is `bun`; JavaScriptCore's compiler `JITWorker`, its collector's
 * helpers `HeapHelper`, mimalloc's `mi-scavenger`). A thread that exits while the list is read is skipped.
 */
export function threadCpu(pid: number): ThreadCpu {
  const threads: ThreadCpu = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
    } catch {
      continue; // the thread exited since the listing
    }
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")).replace(/\d+$/, "");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    threads.set(tid, { name, ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS });
  }
  return threads;
}

/**
 * CPU ms the threads named `name` used between two reads: a thread in both counts its difference, a new one all of
 * its time; one that exited in between is lost (its last ticks are not readable).
 */
export function threadCpuBetween(before: ThreadCpu, after: ThreadCpu, name: string): number {
  let ms = 0;
  for (const [tid, thread] of after) if (thread.name === name) ms += thread.ms - (before.get(tid)?.ms ?? 0);
  return ms;
}

/**
 * How long (ms) a process's main thread has waited, runnable, for a CPU so far (`/proc/<pid>/schedstat`'s second
 * field): what a lower priority of the processes beside it changes, however loaded the machine is otherwise.
 */
export function runQueueWaitMs(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[1]) / 1e6;
}

/** USER_HZ: 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

/** Samples a process's RSS every `everyMs` until stopped; returns the peak (MiB). */
export function rssPeak(pid: number, everyMs = 20): { stop(): number } {
  let peak = 0;
  const read = () => {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((entry) => entry.startsWith("VmRSS:"));
    peak = Math.max(peak, line ? Number(line.replace(/\D+/g, "")) / 1024 : 0);
  };
  read();
  const timer = setInterval(read, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      read();
      return peak;
    },
  };
}
