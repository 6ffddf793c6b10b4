import { AppError } from "../../../shared/protocol/errors.ts";

/** Constellations and cities: short, memorable, distinct names for sessions (folder and branch names). */
export const NAME_POOL: readonly string[] = [
  "andromeda", "aquila", "aries", "auriga", "bootes", "caelum", "cassiopeia", "centaurus", "cepheus", "cetus",
  "corvus", "crater", "cygnus", "draco", "dorado", "gemini", "hydra", "lacerta", "leo", "lepus", "libra", "lupus",
  "lynx", "lyra", "orion", "pavo", "pegasus", "perseus", "phoenix", "pictor", "pyxis", "sagitta", "scorpius",
  "taurus", "vela", "virgo", "volans", "amsterdam", "athens", "austin", "bergen", "bogota", "boston", "cairo",
  "delhi", "dublin", "geneva", "havana", "helsinki", "kyoto", "lagos", "lima", "lisbon", "madrid", "manila",
  "nairobi", "osaka", "oslo", "porto", "prague", "quito", "riga", "rome", "santiago", "seoul", "sydney", "tallinn",
  "tokyo", "toronto", "valencia", "vienna", "vilnius", "warsaw", "zurich",
];

/**
 * Options of {@link pickSessionName}; tests pass a small pool and a fixed random source, and may hold a new session's
 * planning between its pick and its last check (`afterPick`) to force two creations to interleave.
 */
export type PickOptions = { pool?: readonly string[]; random?: () => number; attempts?: number; afterPick?: (name: string) => Promise<void> };

const DEFAULT_ATTEMPTS = 12;

/**
 * Picks a name that `isTaken` rejects not: random pool names first (retrying on collision), then any free pool name,
 * and as a last resort a pool name with a random suffix (`orion-7k3f`).
 * @example const name = await pickSessionName(async (n) => existing.has(n));
 */
export async function pickSessionName(isTaken: (name: string) => Promise<boolean>, options: PickOptions = {}): Promise<string> {
  const pool = options.pool ?? NAME_POOL;
  const random = options.random ?? Math.random;
  const pick = () => pool[Math.floor(random() * pool.length)] ?? "session";
  for (let attempt = 0; attempt < (options.attempts ?? DEFAULT_ATTEMPTS); attempt++) {
    const name = pick();
    if (!(await isTaken(name))) return name;
  }
  for (const name of pool) {
    if (!(await isTaken(name))) return name;
  }
  for (let attempt = 0; attempt < 50; attempt++) {
    const name = `${pick()}-${suffix(random)}`;
    if (!(await isTaken(name))) return name;
  }
  throw new AppError("conflict", "Could not find a free session name; give the session a name.");
}

function suffix(random: () => number): string {
  return Array.from({ length: 4 }, () => "abcdefghijkmnpqrstuvwxyz23456789"[Math.floor(random() * 32)]).join("");
}
