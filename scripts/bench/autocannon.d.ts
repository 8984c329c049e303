// The part of autocannon's programmatic API the pages benchmark uses
// (autocannon ships no types, and @types/autocannon would be one more
// dependency for four fields).
declare module "autocannon" {
  type Histogram = { average: number; mean: number; min: number; max: number; total: number; p50: number; p90: number; p99: number };

  export type Options = {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    /** Seconds a request may take before it counts as a timeout. */
    timeout?: number;
    headers?: Record<string, string>;
    /** A first run whose results are thrown away. */
    warmup?: { connections?: number; duration?: number };
  };

  export type Result = {
    /** Seconds. */
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
    statusCodeStats: Record<string, { count: number }>;
    /** Milliseconds. */
    latency: Histogram;
    /** Requests per second, sampled each second; `total` is the number completed. */
    requests: Histogram;
    /** Bytes per second; `total` is the number read. */
    throughput: Histogram;
  };

  export type Instance = PromiseLike<Result> & { stop(): void };

  export default function autocannon(options: Options): Instance;
}
