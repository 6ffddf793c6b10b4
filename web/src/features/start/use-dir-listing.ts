import { useCallback, useEffect, useState } from "react";
import { api, type DirListing } from "../../lib/api.ts";
import { errorMessage } from "../../lib/http.ts";

/** `errorPath` is the path whose listing failed ("" for the home folder), so the error shows only beside that path. */
type Loaded = { n: number; listing: DirListing | null; error: string | null; errorPath: string };

/**
 * Lists folders on the server; `open(path)` moves there, `open()` goes to the home folder. `errorFor(path)` is the
 * error of opening `path`, null for any other path: a failed listing of a file typed earlier is no word on a path
 * typed since.
 */
export function useDirListing() {
  const [target, setTarget] = useState<{ path: string | undefined; n: number }>({ path: undefined, n: 1 });
  const [loaded, setLoaded] = useState<Loaded>({ n: 0, listing: null, error: null, errorPath: "" });

  useEffect(() => {
    let isCancelled = false;
    api
      .listDirs(target.path)
      .then((listing) => !isCancelled && setLoaded({ n: target.n, listing, error: null, errorPath: "" }))
      .catch((e: unknown) => !isCancelled && setLoaded((l) => ({ ...l, n: target.n, error: errorMessage(e), errorPath: target.path ?? "" })));
    return () => {
      isCancelled = true;
    };
  }, [target]);

  const open = useCallback((path?: string) => setTarget((t) => ({ path, n: t.n + 1 })), []);
  const errorFor = (path: string) => (loaded.errorPath === path ? loaded.error : null);
  return { listing: loaded.listing, errorFor, isLoading: loaded.n !== target.n, open };
}
