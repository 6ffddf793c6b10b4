import { useState } from "react";

const KEY = "chatml.diffMode";

/** Unified or split, remembered per device. */
export function useDiffMode(): ["unified" | "split", (mode: "unified" | "split") => void] {
  const [mode, setMode] = useState<"unified" | "split">(() => (localStorage.getItem(KEY) === "split" ? "split" : "unified"));
  return [
    mode,
    (next) => {
      localStorage.setItem(KEY, next);
      setMode(next);
    },
  ];
}
