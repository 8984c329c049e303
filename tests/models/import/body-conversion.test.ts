// The pool of worker threads that converts imported bodies: the same
// conversions, in the same order, as the main thread alone would make; a body
// whose conversion throws comes back as its error; a worker that stops leaves
// its bodies to the others or to the main thread.
import { afterEach, describe, expect, test } from "vitest";
import { BodyConverter } from "../../../app/models/import/body-conversion.server";
import { convertBodies } from "../../../app/models/import/html-to-markdown.server";

/** A body nested deeper than a thread's stack allows: turndown overflows on it, in a worker as in the main thread. */
const TOO_DEEP = `${"<blockquote>".repeat(6_000)}deep${"</blockquote>".repeat(6_000)}`;

function bodies(n: number, offset = 0): string[] {
  return Array.from(
    { length: n },
    (_, i) =>
      `<p>Body ${i + offset} with <code>code ${i}</code> and <a href="https://example.org/${i}">a link</a></p>` +
      (i % 3 === 0 ? `<pre class="lang-js"><code>let n = ${i};\n</code></pre>` : `<ul><li>item ${i}</li></ul>`),
  );
}

const converters: BodyConverter[] = [];
function converter(workers: number) {
  const made = new BodyConverter(workers);
  converters.push(made);
  return made;
}
afterEach(async () => {
  await Promise.all(converters.splice(0).map((made) => made.close()));
});

describe("converting bodies in worker threads", () => {
  test("gives the main thread's conversions, in order, for batches submitted ahead of being taken", async () => {
    const pool = converter(2);
    expect(pool.size).toBe(2);
    const first = bodies(130);
    const second = bodies(95, 1000);
    const comments = ["*one* `two`", "[three](https://example.org/3)"];
    const tickets = [pool.submit("post", first), pool.submit("post", second), pool.submit("comment", comments)];
    expect(await pool.results(tickets[0]!)).toEqual(convertBodies("post", first));
    expect(await pool.results(tickets[1]!)).toEqual(convertBodies("post", second));
    expect(await pool.results(tickets[2]!)).toEqual(convertBodies("comment", comments));
    expect(pool.failures).toEqual([]);
  }, 30_000);

  test("a body whose conversion throws comes back as its error, between its neighbours' conversions", async () => {
    for (const pool of [converter(1), converter(0)]) {
      const texts = ["<p>before</p>", TOO_DEEP, "<p>after</p>"];
      const results = await pool.results(pool.submit("post", texts));
      expect(results[0]).toEqual({ body: "before", bodyHtml: "<p>before</p>\n" });
      expect(results[1]).toEqual({ error: expect.stringMatching(/call stack/) });
      expect(results[2]).toEqual({ body: "after", bodyHtml: "<p>after</p>\n" });
    }
  }, 30_000);

  test("when its workers stop, the main thread converts what they held, and says why they stopped", async () => {
    const pool = converter(1);
    const texts = bodies(200);
    const ticket = pool.submit("post", texts);
    // The pool's own workers, as a crash would stop them.
    const workers = [...(pool as unknown as { sent: Map<import("node:worker_threads").Worker, unknown> }).sent.keys()];
    await Promise.all(workers.map((worker) => worker.terminate()));
    expect(await pool.results(ticket)).toEqual(convertBodies("post", texts));
    expect(pool.size).toBe(0);
    expect(pool.failures).toEqual([expect.stringMatching(/^exited with code \d+$/)]);
  }, 30_000);
});
