import { useEffect, useState } from "react";
import type { Settings } from "../../../shared/index.ts";
import { errorMessage } from "./http.ts";
import { settingsApi } from "./settings-api.ts";

/**
 * One server setting (shared by every device): null until loaded (`isLoaded` tells a loaded null, as `claudeBin`'s
 * "found automatically", from one still loading); `change` shows the new value at once and puts the old one back,
 * with the server's reason, when the server refuses it.
 */
export function useServerSetting<K extends keyof Settings>(key: K) {
  const [value, setValue] = useState<Settings[K] | null>(null);
  const [isLoaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    settingsApi.get().then(
      ({ settings }) => (setValue(settings[key]), setLoaded(true)),
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [key]);
  const change = (next: Settings[K]) => {
    const previous = value;
    setValue(next);
    setError(null);
    settingsApi.update({ [key]: next }).then(
      ({ settings }) => setValue(settings[key]),
      (e: unknown) => (setValue(previous), setError(errorMessage(e))),
    );
  };
  return { value, isLoaded, change, error };
}
