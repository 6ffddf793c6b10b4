import type { Migration } from "../migrate.ts";
import { migration0001 } from "./0001-init.ts";

/** Every schema step, in order. Append new ones; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [migration0001];
