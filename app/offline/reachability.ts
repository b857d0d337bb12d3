/**
 * Calls `then` once the portal answers, asking with growing pauses. The phone saying it is
 * online (the "online" event) only means a network came up, not that the portal can be reached
 * through it yet. The question goes through the service worker (public/sw.js passes /healthz
 * on), so the answer is the worker's view too. Returns a function that stops asking.
 */
export function whenPortalAnswers(then: () => void, pauses: number[] = [0, 1000, 2000, 4000, 8000, 15000]): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const attempt = (i: number) => {
    timer = setTimeout(async () => {
      // The worker answers {"ok":false} when the portal cannot be reached.
      const answered = await fetch("/healthz", { cache: "no-store" })
        .then((res) => (res.ok ? (res.json() as Promise<{ ok?: boolean }>) : { ok: false }))
        .then((health) => health.ok === true)
        .catch(() => false);
      if (stopped) return;
      if (answered) then();
      else if (i + 1 < pauses.length) attempt(i + 1);
    }, pauses[i]);
  };
  attempt(0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
