// View counts without a write per view: each process counts the views of the
// pages it serves in memory and adds them to the threads in one transaction
// every few seconds (and when it stops). A count may be a few seconds behind;
// no visitor waits on a write to read a page.
import type { Db } from "../../../db/client";

export type ViewCounter = {
  count(threadId: number): void;
  /** Writes what was counted; returns how many views were written. */
  flush(): number;
  /** Stops the timer and writes what is left. */
  stop(): void;
};

export function createViewCounter(db: Db, { flushEveryMs = 5_000 } = {}): ViewCounter {
  let pending = new Map<number, number>();
  // One statement for the whole batch: the counts travel as JSON pairs.
  const addViews = db.$client.prepare(
    `UPDATE threads SET view_count = view_count + batch.count
     FROM (SELECT value ->> 0 AS thread_id, value ->> 1 AS count FROM json_each(?)) AS batch
     WHERE threads.id = batch.thread_id`,
  );
  const writeAll = (views: Map<number, number>) => addViews.run(JSON.stringify([...views]));

  function flush(): number {
    if (pending.size === 0) return 0;
    const views = pending;
    pending = new Map();
    try {
      writeAll(views);
    } catch (error) {
      // The database was busy or closing: keep the views for the next round.
      for (const [threadId, count] of views) pending.set(threadId, (pending.get(threadId) ?? 0) + count);
      console.error("Could not write view counts:", error);
      return 0;
    }
    let total = 0;
    for (const count of views.values()) total += count;
    return total;
  }

  const timer = setInterval(flush, flushEveryMs);
  timer.unref();

  return {
    count(threadId) {
      pending.set(threadId, (pending.get(threadId) ?? 0) + 1);
    },
    flush,
    stop() {
      clearInterval(timer);
      flush();
    },
  };
}
