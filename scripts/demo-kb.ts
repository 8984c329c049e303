// The demo knowledge base: two answers promoted by the moderator (credited to
// the customers who wrote them) and one official article, with some readers'
// feedback. Written through the same model functions as the site.
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { categories, posts, threads, type users } from "../db/schema";
import { createArticle } from "../app/models/kb/kb.server";
import { recordFeedback } from "../app/models/kb/kb-feedback.server";
import type { Language } from "../app/i18n/languages";
import { demoThreadTitle } from "./demo-threads/index";

type Person = typeof users.$inferSelect;
const DAY = 24 * 60 * 60 * 1000;

// The answers promoted, by their thread's key (the same in every language),
// and how many readers found each article helpful.
const PROMOTIONS = [
  { thread: "direct-debit-date", helpful: 14, unhelpful: 1 },
  { thread: "box-nightly-restart", helpful: 9, unhelpful: 2 },
];

type KbWords = {
  /** The promoted articles' titles and tags, in PROMOTIONS' order, and what their readers who said "no" wrote. */
  promoted: { title: string; tags: string[]; unhelpfulComment: string }[];
  promotedNote: string;
  official: { title: string; category: string; tags: string[]; body: string };
  officialNote: string;
};

const WORDS: Record<Language, KbWords> = {
  en: {
    promoted: [
      { title: "Change the date of your direct debit", tags: ["direct-debit", "payment"], unhelpfulComment: "My bank needs more notice than that." },
      {
        title: "Why the Nimbus Box restarts at night, and how to stop it",
        tags: ["nimbus-box"],
        unhelpfulComment: "There is no Maintenance menu on my box.",
      },
    ],
    promotedNote: "Promoted from the community",
    official: {
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
    },
    officialNote: "First version",
  },
  fr: {
    promoted: [
      { title: "Changer la date de votre prélèvement", tags: ["prelevement", "paiement"], unhelpfulComment: "Ma banque demande un délai plus long que ça." },
      {
        title: "Pourquoi la Nimbus Box redémarre la nuit, et comment l'en empêcher",
        tags: ["nimbus-box"],
        unhelpfulComment: "Pas de menu Maintenance sur ma box à moi.",
      },
    ],
    promotedNote: "Réponse de la communauté, mise en avant",
    official: {
      title: "Avant d'appeler : cinq vérifications quand la connexion est lente",
      category: "network",
      tags: ["debit", "wifi"],
      body: [
        "La plupart des connexions lentes ont une cause toute simple. Faites ces vérifications dans l'ordre : chacune prend moins de cinq minutes.",
        "",
        "1. **Testez avec un câble.** Branchez un ordinateur sur la Nimbus Box avec un câble Ethernet et lancez un test de débit. Si c'est rapide, le problème vient du wifi, pas de la ligne.",
        "2. **Redémarrez la Nimbus Box.** Débranchez-la 30 secondes. Elle met environ trois minutes à revenir.",
        "3. **Sortez la box du placard.** Pas dans un meuble fermé, pas derrière la télé, et loin du micro-ondes.",
        "4. **Utilisez le réseau 5 GHz** pour les appareils proches de la box ; le 2,4 GHz porte plus loin mais il est plus lent.",
        "5. **Consultez la page d'état du réseau** dans l'appli : une panne dans votre quartier y apparaît en premier.",
        "",
        "Toujours lent ? Posez la question à la communauté avec le résultat du test au câble : c'est la première chose qu'on vous demandera.",
      ].join("\n"),
    },
    officialNote: "Première version",
  },
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

export function seedDemoKnowledgeBase(db: Db, moderator: Person, now: number, language: Language = "en") {
  const words = WORDS[language];
  PROMOTIONS.forEach((promotion, i) => {
    const answerId = acceptedOrTopAnswer(db, demoThreadTitle(language, promotion.thread));
    if (!answerId) return;
    const answer = db.select().from(posts).where(eq(posts.id, answerId)).get()!;
    const thread = db.select().from(threads).where(eq(threads.id, answer.threadId)).get()!;
    const category = db.select().from(categories).where(eq(categories.id, thread.categoryId)).get()!;
    const result = createArticle(
      db,
      moderator,
      { title: words.promoted[i].title, tags: words.promoted[i].tags, body: answer.body, category: category.slug, note: words.promotedNote, answerId, publish: true },
      new Date(now - (10 - i * 3) * DAY),
    );
    if (!result.ok) return;
    const at = new Date(now - DAY);
    for (let n = 0; n < promotion.helpful; n++) recordFeedback(db, result.article.id, { visitorId: `demo-yes-${i}-${n}` }, { helpful: true, comment: "" }, at);
    for (let n = 0; n < promotion.unhelpful; n++) {
      recordFeedback(db, result.article.id, { visitorId: `demo-no-${i}-${n}` }, { helpful: false, comment: words.promoted[i].unhelpfulComment }, at);
    }
  });
  createArticle(db, moderator, { ...words.official, note: words.officialNote, publish: true }, new Date(now - 5 * DAY));
}
