/**
 * Runs one autocannon load in a worker thread (the load generator gets its own core and event
 * loop, the service keeps the main thread). Latencies are taken from autocannon's per-response
 * event with sub-millisecond resolution (its histogram records whole milliseconds).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { percentile } from './percentile';
const autocannon = require('autocannon');

/** What the main thread asks for. */
export interface LoadJob {
  url: string;
  token: string;
  connections: number;
  durationSec: number;
  bodies: string[];
}

/** What the worker answers. */
export interface LoadResult {
  requests: number;
  requestsPerSec: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Every response time (ms), sorted: rounds of one load are merged by concatenating them. */
  latencies: Float64Array;
  /** Measured seconds. */
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  graphqlErrors: number;
}


function run(job: LoadJob): Promise<LoadResult> {
  let next = 0;
  let graphqlErrors = 0;
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${job.url}/graphql`,
        connections: job.connections,
        duration: job.durationSec,
        requests: [
          {
            method: 'POST',
            path: '/graphql',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}` },
            setupRequest: (request: Record<string, unknown>) => ({ ...request, body: job.bodies[next++ % job.bodies.length] }),
            onResponse: (_status: number, body: string) => {
              if (body.includes('"errors"')) graphqlErrors++;
            },
          },
        ],
      },
      (error: Error | null, result: { totalCompletedRequests: number; duration: number; non2xx: number; errors: number; timeouts: number }) => {
        if (error) return reject(error);
        const sorted = Float64Array.from(latencies).sort();
        resolve({
          requests: result.totalCompletedRequests,
          requestsPerSec: result.totalCompletedRequests / result.duration,
          p50: percentile(sorted, 50),
          p90: percentile(sorted, 90),
          p99: percentile(sorted, 99),
          max: sorted[sorted.length - 1] ?? NaN,
          latencies: sorted,
          duration: result.duration,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          graphqlErrors,
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
    });
  });
}

run(workerData as LoadJob).then(
  (result) => parentPort?.postMessage({ ok: true, result }),
  (error: unknown) => parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) }),
);
