// The demo knowledge base: two answers promoted by the moderator (credited to
// the customers who wrote them) and one official article, with some readers'
// feedback. Written through the same model functions as the site.
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { categories, posts, threads, type users } from "../db/schema";
import { createArticle } from "../app/models/kb/kb.server";
import { recordFeedback } from "../app/models/kb/kb-feedback.server";

type Person = typeof users.$inferSelect;
const DAY = 24 * 60 * 60 * 1000;

const PROMOTIONS = [
  {
    thread: "can I change my direct debit date to the 15th",
    title: "Change the date of your direct debit",
    tags: ["direct-debit", "payment"],
    helpful: 14,
    unhelpful: 1,
  },
  {
    thread: "the box keeps restarting every night",
    title: "Why the Nimbus Box restarts at night, and how to stop it",
    tags: ["nimbus-box"],
    helpful: 9,
    unhelpful: 2,
  },
];

const OFFICIAL = {
  title: "Before you call: five checks for a slow connection",
  category: "network",
  tags: ["speed", "wifi"],
  body: [
    "Most slow connections have a simple cause. Try these in order — each takes less than five minutes.",
    "",
    "1. **Test with a cable.** Plug a computer into the Nimbus Box with an Ethernet cable and run a speed test. If it is fast, the problem is the Wi-Fi, not the line.",
    "2. **Restart the Nimbus Box.** Unplug it for 30 seconds. It takes about three minutes to come back.",
    "3. **Move the box into the open.** Not in a cupboard, not behind the TV, away from the microwave.",
    "4. **Use the 5 GHz network** for devices close to the box; 2.4 GHz reaches further but is slower.",
    "5. **Check the status page** in the app: an outage in your area shows there first.",
    "",
    "Still slow? Ask the community with the results of the cable test — it is the first thing people will ask for.",
  ].join("\n"),
};

function acceptedOrTopAnswer(db: Db, threadTitle: string) {
  const thread = db.select().from(threads).where(eq(threads.title, threadTitle)).get();
  if (!thread) return null;
  if (thread.acceptedAnswerId) return thread.acceptedAnswerId;
  return (
    db
      .select({ id: posts.id })
      .from(posts)
      .where(and(eq(posts.threadId, thread.id), eq(posts.kind, "answer")))
      .orderBy(desc(posts.score))
      .get()?.id ?? null
  );
}

export function seedDemoKnowledgeBase(db: Db, moderator: Person, now: number) {
  PROMOTIONS.forEach((promotion, i) => {
    const answerId = acceptedOrTopAnswer(db, promotion.thread);
    if (!answerId) return;
    const answer = db.select().from(posts).where(eq(posts.id, answerId)).get()!;
    const thread = db.select().from(threads).where(eq(threads.id, answer.threadId)).get()!;
    const category = db.select().from(categories).where(eq(categories.id, thread.categoryId)).get()!;
    const result = createArticle(
      db,
      moderator,
      { title: promotion.title, body: answer.body, category: category.slug, tags: promotion.tags, note: "Promoted from the community", answerId, publish: true },
      new Date(now - (10 - i * 3) * DAY),
    );
    if (!result.ok) return;
    const at = new Date(now - DAY);
    for (let n = 0; n < promotion.helpful; n++) recordFeedback(db, result.article.id, { visitorId: `demo-yes-${i}-${n}` }, { helpful: true, comment: "" }, at);
    for (let n = 0; n < promotion.unhelpful; n++) {
      recordFeedback(db, result.article.id, { visitorId: `demo-no-${i}-${n}` }, { helpful: false, comment: "My bank needs more notice than that." }, at);
    }
  });
  createArticle(db, moderator, { ...OFFICIAL, note: "First version", publish: true }, new Date(now - 5 * DAY));
}
