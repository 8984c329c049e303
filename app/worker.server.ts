// The in-process worker: a timer that runs the registered jobs, each every so
// often. A job never runs twice at once (a run still going when its time
// comes again is skipped), a job's error is logged and never stops the
// others, and stop() waits for the runs in progress, so the server can close
// the database after it. Tests do not start the timer: they call a job's
// function, or runJob/tick, with a clock they choose.
//
// To add a periodic job, add it to scheduledJobs below (or call
// worker.registerJob(name, everyMs, run) on a worker of your own).
import type { Db } from "../db/client";
import { createCdnPurge } from "./http/cdn-purge.server";
import { prepareDataExports } from "./models/accounts/data-export.server";
import { runFollowUps } from "./models/notify/follow-up.server";
import { sendDailyDigests, siteUrl } from "./models/notify/notification-email.server";
import { deliverDueMessages, transportsFromEnv, type OutboxTransports } from "./models/notify/outbox.server";
import { deliverDueWebhooks } from "./models/notify/webhook-delivery.server";
import { ensureEnvWebhook } from "./models/notify/webhooks.server";
import { prepareSiteExports } from "./models/portability/site-export-jobs.server";
import { sendRisingTopicsEmails } from "./models/insights/rising-topics-email.server";
import { clearExpiredRateLimits } from "./api/rate-limit.server";

export type JobRun = (now: Date) => unknown;
export type WorkerJob = { name: string; everyMs: number; run: JobRun };

export type Worker = {
  /** Adds a job; it first runs at the next tick, then every `everyMs`. */
  registerJob(name: string, everyMs: number, run: JobRun): void;
  /** Runs one job now, unless it is already running (then resolves false). Errors are logged. */
  runJob(name: string, now?: Date): Promise<boolean>;
  /** Runs every job that is due at `now`; resolves when they have finished. */
  tick(now?: Date): Promise<void>;
  /** Starts the timer (checks which jobs are due every `tickMs`). */
  start(): void;
  /** Stops the timer and waits for the runs in progress. */
  stop(): Promise<void>;
  jobNames(): string[];
};

export type WorkerOptions = {
  tickMs?: number;
  clock?: () => Date;
  log?: Pick<Console, "error">;
};

export function createWorker({ tickMs = 5_000, clock = () => new Date(), log = console }: WorkerOptions = {}): Worker {
  const jobs = new Map<string, WorkerJob & { nextRunAt: number; running: Promise<void> | null }>();
  let timer: ReturnType<typeof setInterval> | null = null;
  let stopped = false;

  function runJob(name: string, now = clock()): Promise<boolean> {
    const job = jobs.get(name);
    if (!job) return Promise.reject(new Error(`No job named "${name}".`));
    if (job.running) return Promise.resolve(false);
    const running = (async () => {
      try {
        await job.run(now);
      } catch (error) {
        log.error(`[worker] the job "${name}" failed:`, error);
      } finally {
        job.running = null;
      }
    })();
    job.running = running;
    return running.then(() => true);
  }

  async function tick(now = clock()) {
    if (stopped) return;
    const due = [...jobs.values()].filter((job) => job.nextRunAt <= now.getTime());
    for (const job of due) job.nextRunAt = now.getTime() + job.everyMs;
    await Promise.all(due.map((job) => runJob(job.name, now)));
  }

  return {
    registerJob(name, everyMs, run) {
      if (jobs.has(name)) throw new Error(`A job named "${name}" is already registered.`);
      if (!(everyMs > 0)) throw new Error(`The job "${name}" needs a positive interval.`);
      jobs.set(name, { name, everyMs, run, nextRunAt: 0, running: null });
    },
    runJob,
    tick,
    start() {
      if (timer || stopped) return;
      timer = setInterval(() => void tick(), tickMs);
      // The HTTP server keeps the process alive, not the worker.
      timer.unref();
      void tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await Promise.all([...jobs.values()].map((job) => job.running));
    },
    jobNames: () => [...jobs.keys()],
  };
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** The application's periodic jobs. Add new ones here. */
export function scheduledJobs(db: Db, transports: OutboxTransports): WorkerJob[] {
  return [
    { name: "deliver-outbox", everyMs: 10 * SECOND, run: (now) => deliverDueMessages(db, transports, now) },
    { name: "email-digests", everyMs: 15 * MINUTE, run: (now) => sendDailyDigests(db, now) },
    { name: "follow-ups", everyMs: MINUTE, run: (now) => runFollowUps(db, now) },
    // "Download my data": a person waits on the page for it, so it runs often (one indexed query when idle).
    { name: "data-exports", everyMs: 5 * SECOND, run: (now) => prepareDataExports(db, now) },
    // Webhooks (app/models/notify/webhook-delivery.server.ts): one indexed query when nothing is due.
    { name: "deliver-webhooks", everyMs: 5 * SECOND, run: (now) => deliverDueWebhooks(db, now) },
    // Admins' full exports (app/models/portability/site-export-jobs.server.ts): one indexed query when idle.
    { name: "site-exports", everyMs: 5 * SECOND, run: (now) => prepareSiteExports(db, now) },
    // The weekly rising-topics email to staff (app/models/insights/rising-topics-email.server.ts): hourly, one settings read until a week ends.
    { name: "rising-topics-email", everyMs: 60 * MINUTE, run: (now) => sendRisingTopicsEmails(db, now) },
    // The API's rate counts of windows that have ended (one row per address ever seen until then).
    { name: "api-rate-limits", everyMs: 60 * MINUTE, run: (now) => clearExpiredRateLimits(db, now) },
    ...cdnPurgeJob(db),
  ];
}

/** Purges the CDN in front after a change, when CDN_PURGE_URL is set (see app/http/cdn-purge.server.ts). */
function cdnPurgeJob(db: Db, env = process.env): WorkerJob[] {
  if (!env.CDN_PURGE_URL) return [];
  const purge = createCdnPurge(db, { url: env.CDN_PURGE_URL, token: env.CDN_PURGE_TOKEN });
  return [{ name: "cdn-purge", everyMs: 2 * SECOND, run: purge }];
}

/**
 * The server's worker: the scheduled jobs, delivering through the transports
 * the environment configures (throws at start on an invalid SMTP_URL or
 * webhook setting), started. SUPPORT_WEBHOOK_URL becomes (or updates) the
 * webhook subscribed to escalations; the outbox keeps a transport for it too,
 * for escalation messages queued before webhooks existed.
 */
export function startWorker(db: Db, options: WorkerOptions & { transports?: OutboxTransports } = {}): Worker {
  const transports = options.transports ?? transportsFromEnv(process.env, siteUrl());
  ensureEnvWebhook(db, process.env);
  const worker = createWorker(options);
  for (const job of scheduledJobs(db, transports)) worker.registerJob(job.name, job.everyMs, job.run);
  worker.start();
  return worker;
}
