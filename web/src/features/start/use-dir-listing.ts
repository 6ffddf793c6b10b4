import { useCallback, useEffect, useState } from "react";
import { api, type DirListing } from "../../lib/api.ts";
import { errorMessage } from "../../lib/http.ts";

type Loaded = { n: number; listing: DirListing | null; error: string | null };

/** Lists folders on the server; `open(path)` moves there, `open()` goes to the home folder. */
export function useDirListing() {
  const [target, setTarget] = useState<{ path: string | undefined; n: number }>({ path: undefined, n: 1 });
  const [loaded, setLoaded] = useState<Loaded>({ n: 0, listing: null, error: null });

  useEffect(() => {
    let isCancelled = false;
    api
      .listDirs(target.path)
      .then((listing) => !isCancelled && setLoaded({ n: target.n, listing, error: null }))
      .catch((e: unknown) => !isCancelled && setLoaded((l) => ({ ...l, n: target.n, error: errorMessage(e) })));
    return () => {
      isCancelled = true;
    };
  }, [target]);

  const open = useCallback((path?: string) => setTarget((t) => ({ path, n: t.n + 1 })), []);
  return { listing: loaded.listing, error: loaded.error, isLoading: loaded.n !== target.n, open };
}
