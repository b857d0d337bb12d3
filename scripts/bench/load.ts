import autocannon from "autocannon";

export type LoadFigures = { connections: number; rps: number; p50: number; p95: number; p99: number; requests: number; failed: number };

function percentile(sorted: number[], p: number) {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Drives one address with autocannon from this process (the server is another process) for
 * `seconds`, keeping every response time for exact p50/p95/p99 (autocannon's own summary has no
 * p95). Sends the headers a phone's browser would, compression included: it is part of the cost.
 */
export async function drive(url: string, connections: number, seconds: number, headers: Record<string, string>): Promise<LoadFigures> {
  const times: number[] = [];
  let failed = 0;
  const instance = autocannon({ url, connections, duration: seconds, headers, timeout: 30 });
  instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    if (status !== 200) failed++;
    times.push(responseTime);
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  return {
    connections,
    rps: times.length / (result.duration || seconds),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    requests: times.length,
    failed: failed + result.errors + result.timeouts,
  };
}
