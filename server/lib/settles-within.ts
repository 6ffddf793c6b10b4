/**
 * Whether `work` settles (resolves or rejects) within `ms`. The timer is cleared as soon as it does: a pending sleep
 * would keep the process's event loop alive, and a server's stop waiting, for the rest of `ms`.
 */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const settled = work.then(
    () => true,
    () => true,
  );
  try {
    return await Promise.race([settled, new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
