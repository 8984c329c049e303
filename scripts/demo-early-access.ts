// The demo's early access: one announcement from the moderator, no grants,
// and a top contributor's answer to its "tell Morgan here" with Morgan's reply.
// Written through the same model functions as the site, so its readers (the
// top contributors and staff) are notified as they would be.
import type { Db } from "../db/client";
import { eq } from "drizzle-orm";
import { users } from "../db/schema";
import { createEarlyAccess } from "../app/models/reputation/early-access.server";
import { commentOnAnnouncement } from "../app/models/reputation/early-access-comments.server";
import type { Language } from "../app/i18n/languages";

type Person = typeof users.$inferSelect;
const DAY = 24 * 60 * 60 * 1000;

export const DEMO_EARLY_ACCESS: Record<Language, { title: string; body: string }> = {
  en: {
    title: "Nimbus Box 2: be among the first to try it",
    body: [
      "The next Nimbus Box is nearly ready, and you helped shape it: many of the fixes you suggested here are in it.",
      "",
      "- **Wi-Fi 7** with a mesh mode that pairs with your current box",
      "- **Quiet mode**: no lights after 10 pm, no nightly restart",
      "- **Faster setup**: scan the code on the box with the app and you are online",
      "",
      "We are looking for 50 testers before the launch. Reply to the email we will send you next week, or tell Morgan here.",
      "",
      "Please keep this to yourselves until the launch: thank you for everything you do in this community.",
    ].join("\n"),
  },
  fr: {
    title: "Nimbus Box 2 : soyez parmi les premiers à la tester",
    body: [
      "La prochaine Nimbus Box est presque prête, et vous avez contribué à la façonner : beaucoup des corrections que vous avez suggérées ici y sont.",
      "",
      "- **Wi-Fi 7** avec un mode mesh qui s'associe à votre box actuelle",
      "- **Mode silence** : plus aucun voyant après 22 h, plus de redémarrage la nuit",
      "- **Installation express** : scannez le code sur la box avec l'appli et vous êtes en ligne",
      "",
      "Nous cherchons 50 testeurs avant le lancement. Répondez à l'e-mail que nous vous enverrons la semaine prochaine, ou dites-le à Morgan ici.",
      "",
      "Merci de garder ça pour vous jusqu'au lancement, et merci pour tout ce que vous faites dans cette communauté.",
    ].join("\n"),
  },
};

/** Under the announcement: Priya (a reader by her rank) volunteers, Morgan answers. */
export const DEMO_EARLY_ACCESS_COMMENTS: Record<Language, { author: string; body: string }[]> = {
  en: [
    { author: "priya", body: "Count me in! I have a mesh setup over three floors, happy to test the pairing with the current box." },
    { author: "morgan", body: "Thanks @priya, you are on the list: the test box ships in two weeks." },
  ],
  fr: [
    { author: "priya", body: "Je suis partante ! J'ai un réseau mesh sur trois étages, je peux tester l'association avec la box actuelle." },
    { author: "morgan", body: "Merci @priya, vous êtes sur la liste : la box de test part dans deux semaines." },
  ],
};

/**
 * Publishes the demo's early-access announcement in `language`, as the
 * moderator (`morgan`), a day before `now`, with no expiry. Grants nothing:
 * readers are the members at the early-access rank and staff. Run it after the reputation is in place,
 * so the readers of that moment are the ones notified.
 */
export function seedDemoEarlyAccess(db: Db, people: Map<string, Person>, now = Date.now(), language: Language = "en") {
  const moderator = people.get("morgan");
  if (!moderator) throw new Error("The demo early access needs the moderator morgan");
  const result = createEarlyAccess(db, moderator, { ...DEMO_EARLY_ACCESS[language], expiresAt: null }, new Date(now - DAY));
  if (!result.ok) throw new Error(`The demo early-access announcement was refused: ${JSON.stringify(result.errors)}`);
  for (const [i, comment] of DEMO_EARLY_ACCESS_COMMENTS[language].entries()) {
    // Read again: the map holds each person as they joined, before their reputation.
    const author = db.select().from(users).where(eq(users.username, comment.author)).get();
    if (!author) throw new Error(`The demo's early-access comments need ${comment.author}`);
    commentOnAnnouncement(db, author, { announcementId: result.announcement.id, body: comment.body }, new Date(now - DAY + (i + 1) * 3 * 60 * 60 * 1000));
  }
  return result.announcement;
}
