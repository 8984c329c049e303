// Converting bodies (HTML → markdown → our HTML) is most of an import's work,
// and it needs no database: a small pool of worker threads does it while the
// main thread, the only writer, inserts the batch before. The importer sends
// a batch's bodies as soon as it has read the batch (submit) and takes their
// conversions, in order, when it writes the batch (results).
//
// - Bodies go out in small chunks, a few per worker at a time (so that a
//   worker always has the next one while the main thread is busy and cannot
//   answer). When the main thread needs a batch whose chunks are still
//   queued, it converts them itself (from the end of the batch, while the
//   workers take them from the front) rather than wait idle: on 2 cores one
//   worker and the main thread share the conversion whenever writing is not
//   enough to keep the main thread busy.
// - With no workers (workers: 0), or when every worker has failed, the main
//   thread converts everything itself: same results, same order.
// - A body whose conversion throws comes back as its error, for the importer
//   to skip and report its row; a worker that dies gives its chunk back to the
//   queue.
import os from "node:os";
import { Worker } from "node:worker_threads";
import type { ConversionRequest } from "./body-conversion-worker.server";
import { convertBodies, type BodyKind, type Conversion } from "./html-to-markdown.server";

/** Bodies per message: small enough for the main thread to share a batch's tail, large enough that messages cost little. */
const CHUNK_SIZE = 40;
/** Chunks sent to a worker and not yet back: one it converts, one waiting in its port. */
const CHUNKS_PER_WORKER = 2;
/**
 * A worker holds two chunks of bodies and the converter's modules: its heap is
 * capped so that it collects early and stays small. Its young generation
 * (V8's default is 48 MB) only ever holds one body's parse tree at a time:
 * 12 MB saves 30 MB of resident memory per worker at no cost in time.
 */
const WORKER_OLD_GENERATION_MB = 64;
const WORKER_YOUNG_GENERATION_MB = 12;

type Chunk = {
  id: number;
  kind: BodyKind;
  texts: string[];
  state: "queued" | "sent" | "done";
  done: Promise<Conversion[]>;
  resolve: (results: Conversion[]) => void;
};

/** The conversions of one submit, to take back with results(). */
export type ConversionTicket = { chunks: Chunk[] };

/** One worker per core but the one the main thread writes with; at least one. */
export function defaultWorkerCount(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

export class BodyConverter {
  private readonly queue: Chunk[] = [];
  /** Each worker's chunks sent and not yet back, in the order sent. */
  private readonly sent = new Map<Worker, Chunk[]>();
  private nextId = 1;
  /** Why workers stopped, if some did (the conversion then goes on in the main thread). */
  readonly failures: string[] = [];

  constructor(workers: number) {
    for (let i = 0; i < workers; i++) this.startWorker();
  }

  /** How many workers are converting (0: the main thread converts everything). */
  get size(): number {
    return this.sent.size;
  }

  private startWorker() {
    const worker = new Worker(new URL("./body-conversion-worker.mjs", import.meta.url), {
      // The main thread's stack (V8's default, under 1 MB), not a worker's 4 MB: a body nested too deep
      // for the main thread fails in a worker too, whichever converts it.
      resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, stackSizeMb: 1 },
    });
    this.sent.set(worker, []);
    worker.on("message", (message: { id: number; results: Conversion[] }) => {
      const chunks = this.sent.get(worker);
      const chunk = chunks?.shift();
      if (chunk && chunk.id === message.id && chunk.state === "sent") {
        chunk.state = "done";
        chunk.resolve(message.results);
      }
      this.dispatch();
    });
    worker.on("error", (error) => this.lose(worker, error.message));
    worker.on("exit", (code) => this.lose(worker, `exited with code ${code}`));
  }

  /** A worker that failed: its chunk goes back to the front of the queue, for another worker or the main thread. */
  private lose(worker: Worker, why: string) {
    const chunks = this.sent.get(worker);
    if (!chunks) return;
    this.sent.delete(worker);
    this.failures.push(why);
    for (const chunk of chunks.reverse()) {
      chunk.state = "queued";
      this.queue.unshift(chunk);
    }
    void worker.terminate();
    if (this.sent.size === 0) {
      // Nobody left to take them: the main thread converts what waits.
      for (const waiting of this.queue.splice(0)) this.convertHere(waiting);
    } else {
      this.dispatch();
    }
  }

  /** Tops every worker up to its chunks in hand, the least loaded first. */
  private dispatch() {
    for (let load = 0; load < CHUNKS_PER_WORKER; load++) {
      for (const [worker, chunks] of this.sent) {
        if (!this.queue.length) return;
        if (chunks.length > load) continue;
        const chunk = this.queue.shift()!;
        chunk.state = "sent";
        chunks.push(chunk);
        const request: ConversionRequest = { id: chunk.id, kind: chunk.kind, texts: chunk.texts };
        worker.postMessage(request);
      }
    }
  }

  private convertHere(chunk: Chunk) {
    chunk.state = "done";
    chunk.resolve(convertBodies(chunk.kind, chunk.texts));
  }

  /** Queues bodies for conversion (the workers start at once). */
  submit(kind: BodyKind, texts: string[]): ConversionTicket {
    const chunks: Chunk[] = [];
    for (let start = 0; start < texts.length; start += CHUNK_SIZE) {
      let resolve!: (results: Conversion[]) => void;
      const done = new Promise<Conversion[]>((r) => (resolve = r));
      chunks.push({ id: this.nextId++, kind, texts: texts.slice(start, start + CHUNK_SIZE), state: "queued", done, resolve });
    }
    this.queue.push(...chunks);
    this.dispatch();
    return { chunks };
  }

  /** The conversions of a submit, in its order; the main thread converts those no worker has taken yet. */
  async results(ticket: ConversionTicket): Promise<Conversion[]> {
    for (let i = ticket.chunks.length - 1; i >= 0; i--) {
      const chunk = ticket.chunks[i]!;
      if (chunk.state !== "queued") continue;
      this.queue.splice(this.queue.indexOf(chunk), 1);
      this.convertHere(chunk);
      // Lets a worker's finished chunk in, so that it takes the next one while this thread converts.
      if (this.sent.size) await new Promise((resolve) => setImmediate(resolve));
    }
    const parts = await Promise.all(ticket.chunks.map((chunk) => chunk.done));
    return parts.flat();
  }

  async close() {
    const workers = [...this.sent.keys()];
    this.sent.clear();
    this.queue.length = 0;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
