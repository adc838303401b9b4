/**
 * The load generator, run by bench/run.ts in its own process (forked) so that it
 * never shares an event loop with the servers it measures.
 *
 * Protocol (IPC): the parent sends a LoadRequest; this process warms up, measures
 * and answers with a LoadResult. It exits when the parent disconnects.
 *
 * Latency percentiles are computed here from every response's time in fractional
 * milliseconds: autocannon's own histogram records whole milliseconds, too coarse
 * for pages that answer in 1–3 ms.
 */
import autocannon from 'autocannon';

export interface LoadRequest {
  id: number;
  url: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

/** Sent when the warm-up is over and the measurement starts. */
export interface LoadProgress {
  id: number;
  measuring: true;
}

export interface LoadResult {
  id: number;
  /** Mean of autocannon's one-second samples. */
  reqPerSec: number;
  /** Requests answered (any status). */
  requests: number;
  durationSeconds: number;
  latencyMs: { mean: number; p50: number; p90: number; p95: number; p99: number; p999: number; max: number };
  /** Connection errors, including timeouts. */
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  bytesPerSec: number;
  error?: string;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

async function measure(req: LoadRequest): Promise<LoadResult> {
  const base = { url: req.url, headers: req.headers, connections: req.connections, pipelining: 1 };
  if (req.warmupSeconds > 0) await autocannon({ ...base, duration: req.warmupSeconds });
  // The parent notes the CPU time used so far: it counts from here (see bench/cpu.ts).
  process.send!({ id: req.id, measuring: true } satisfies LoadProgress);

  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const instance = autocannon({ ...base, duration: req.seconds }, () => {});
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode < 200 || statusCode > 299) return; // as autocannon: latency of 2xx answers only
    if (count === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[count++] = responseTime;
  });
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance.on('done', resolve);
    instance.on('error', reject);
  });

  const sorted = latencies.subarray(0, count).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
  return {
    id: req.id,
    reqPerSec: result.requests.average,
    requests: result.requests.total,
    durationSeconds: result.duration,
    latencyMs: {
      mean: count ? sum / count : NaN,
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      p999: percentile(sorted, 99.9),
      max: count ? sorted[count - 1]! : NaN,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    bytesPerSec: result.throughput.average,
  };
}

process.on('message', (msg: LoadRequest) => {
  measure(msg).then(
    (result) => process.send!(result),
    (err: unknown) => process.send!({ id: msg.id, error: String((err as Error)?.stack ?? err) }),
  );
});
