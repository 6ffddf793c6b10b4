/**
 * A handler that needs something loaded first: what arrives before it is loaded waits, and is handled in arrival
 * order once it is; after that each value is handled at once. A failed load drops what waited (`onLoadError` says
 * so) and the next value tries the load again.
 */
export function inOrderOnceLoaded<T, L>(
  load: () => Promise<L>,
  handle: (value: T, loaded: L) => void,
  onLoadError: (error: unknown, dropped: number) => void,
): (value: T) => void {
  let loaded: { value: L } | null = null;
  let waiting: T[] | null = null;
  return (value) => {
    if (loaded) return handle(value, loaded.value);
    if (waiting) return void waiting.push(value);
    waiting = [value];
    load().then(
      (result) => {
        loaded = { value: result };
        const held = waiting ?? [];
        waiting = null;
        for (const each of held) handle(each, result);
      },
      (error: unknown) => {
        const dropped = waiting?.length ?? 0;
        waiting = null;
        onLoadError(error, dropped);
      },
    );
  };
}
