// The demo's product ideas: a handful proposed by customers over the quarter
// in the Ideas category, voted for by others, and given a status by the
// moderator (one only to early-access readers first, one declined with its
// reason). Written through the site's own verbs (proposeIdea, voteForIdea,
// setIdeaStatus), at the moment each thing happened, as part of the demo's
// timeline: proposing an idea is posting a question, with its posting limits.
import type { Db } from "../db/client";
import type { Language } from "../app/i18n/languages";
import { proposeIdea, setIdeaStatus, voteForIdea, type SettableIdeaStatus } from "../app/models/ideas/ideas.server";
import type { ReplayActor, Timeline } from "./demo-history";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** The Ideas category, in each language (its slug is the same in every language). */
export const DEMO_IDEAS_CATEGORY: Record<Language, { slug: string; name: string; description: string }> = {
  en: { slug: "ideas", name: "Ideas", description: "Suggest what Nimbus should do next, and vote for the ideas you want." },
  fr: { slug: "ideas", name: "Idées", description: "Proposez ce que Nimbus devrait faire ensuite, et votez pour les idées qui vous plaisent." },
};

type IdeaShape = {
  author: string;
  daysAgo: number;
  /** Who voted after the proposer (whose own vote comes with the idea), one every few hours. */
  voters: string[];
  /** The moderator's one decision, if any: `early` tells it to early-access readers first. */
  status?: { status: SettableIdeaStatus; daysAgo: number; early?: boolean };
};

/** Who proposed what, when, who voted and what the moderator decided: the same in every language. */
const IDEAS: IdeaShape[] = [
  {
    author: "nora",
    daysAgo: 80.4,
    voters: ["lena_k", "amara", "sam", "kwame", "beatriz", "fatou_d", "claire_v", "tomasz", "mila_s"],
    status: { status: "planned", daysAgo: 20 },
  },
  {
    author: "dev_ollie",
    daysAgo: 65.7,
    voters: ["priya", "kwame", "jules", "raj_p", "olek", "sam", "marco_r"],
    status: { status: "under_review", daysAgo: 30 },
  },
  { author: "tomasz", daysAgo: 50.2, voters: ["jules", "nora", "beatriz", "hugo_m", "aylin", "lena_k"], status: { status: "in_progress", daysAgo: 10 } },
  { author: "kwame", daysAgo: 40.6, voters: ["dev_ollie", "priya", "yuki", "tiago", "sam"], status: { status: "planned", daysAgo: 3, early: true } },
  { author: "amara", daysAgo: 25.45, voters: ["nora", "greta_h", "sean_obrien", "ines_b"] },
  { author: "ines_b", daysAgo: 35.15, voters: ["marco_r", "noah_l"], status: { status: "declined", daysAgo: 28 } },
  { author: "beatriz", daysAgo: 15.8, voters: ["tomasz", "claire_v", "jules"], status: { status: "under_review", daysAgo: 5 } },
];

type IdeaWords = { title: string; body: string; tags: string[]; reason: string };

export const DEMO_IDEAS: Record<Language, IdeaWords[]> = {
  en: [
    {
      title: "Turn the Wi-Fi off at night on a schedule",
      body: "I would like the box to switch its Wi-Fi off between midnight and 7 am by itself, every night, and back on in the morning. Less radio in the bedroom, less power used, and the kids cannot stay online.",
      tags: ["nimbus-box"],
      reason: "Coming with the next box software: a night schedule for the Wi-Fi, set from the app.",
    },
    {
      title: "Show how much data each device uses in the app",
      body: "The app shows how much the whole household downloads, but not who. A list per device (the TV, each phone, the game console) would end a lot of family arguments.",
      tags: ["nimbus-box", "app"],
      reason: "We are checking what the current box can measure per device without slowing it down.",
    },
    {
      title: "Choose the day my bill is issued",
      body: "My salary arrives on the 28th and the bill is issued on the 5th, so the direct debit sometimes comes at a bad moment. Let us choose the day of the month, as other providers do.",
      tags: ["bill"],
      reason: "The billing team is building it: you will choose the day in the app, first tests next month.",
    },
    {
      title: "A dark mode for the Nimbus app",
      body: "The app is very bright at night. A dark mode, or one that follows the phone's setting, would be easier on the eyes.",
      tags: ["app"],
      reason: "Planned for the app's next version; early-access members get to try it first.",
    },
    {
      title: "A landline number that rings on my mobile",
      body: "Nobody has a landline phone any more, but older relatives still call the home number. Could calls to the box's number ring on our mobiles, in the app?",
      tags: ["landline"],
      reason: "",
    },
    {
      title: "Pay the bill in cryptocurrency",
      body: "It would be nice to be able to pay the monthly bill in bitcoin or another cryptocurrency.",
      tags: ["payment"],
      reason: "We will not take payments in cryptocurrency: prices move too much for a monthly bill, and card or direct debit already suits nearly everyone.",
    },
    {
      title: "Send the bill as a PDF attached to the email",
      body: "Every month I get an email saying the bill is ready, then I have to sign in to download it. Attaching the PDF to the email would save time, especially for my accountant.",
      tags: ["bill"],
      reason: "We are checking with the security team whether bills can travel as attachments.",
    },
  ],
  fr: [
    {
      title: "Programmer l'arrêt du wifi la nuit",
      body: "J'aimerais que la box coupe son wifi toute seule entre minuit et 7 h, chaque nuit, et le rallume le matin. Moins d'ondes dans la chambre, moins de consommation, et les enfants ne restent pas connectés.",
      tags: ["nimbus-box"],
      reason: "Prévu avec le prochain logiciel de la box : un horaire de nuit pour le wifi, réglable dans l'appli.",
    },
    {
      title: "Voir dans l'appli la consommation de chaque appareil",
      body: "L'appli montre combien tout le foyer télécharge, mais pas qui. Une liste par appareil (la télé, chaque téléphone, la console) éviterait pas mal de disputes en famille.",
      tags: ["nimbus-box", "appli"],
      reason: "Nous vérifions ce que la box actuelle peut mesurer par appareil sans ralentir.",
    },
    {
      title: "Choisir le jour d'émission de ma facture",
      body: "Mon salaire tombe le 28 et la facture est émise le 5, alors le prélèvement arrive parfois au mauvais moment. Laissez-nous choisir le jour du mois, comme d'autres opérateurs.",
      tags: ["facture"],
      reason: "Le service facturation le développe : vous choisirez le jour dans l'appli, premiers tests le mois prochain.",
    },
    {
      title: "Un mode sombre pour l'appli Nimbus",
      body: "L'appli est très lumineuse le soir. Un mode sombre, ou qui suit le réglage du téléphone, serait plus reposant pour les yeux.",
      tags: ["appli"],
      reason: "Prévu dans la prochaine version de l'appli ; les membres en accès anticipé pourront l'essayer en premier.",
    },
    {
      title: "Un numéro fixe qui sonne sur mon mobile",
      body: "Plus personne n'a de téléphone fixe, mais les grands-parents appellent encore le numéro de la maison. Les appels vers le numéro de la box pourraient-ils sonner sur nos mobiles, dans l'appli ?",
      tags: ["fixe"],
      reason: "",
    },
    {
      title: "Payer la facture en cryptomonnaie",
      body: "Ce serait bien de pouvoir payer la facture mensuelle en bitcoin ou dans une autre cryptomonnaie.",
      tags: ["paiement"],
      reason:
        "Nous n'accepterons pas de paiement en cryptomonnaie : les cours varient trop pour une facture mensuelle, et la carte ou le prélèvement conviennent déjà à presque tout le monde.",
    },
    {
      title: "Recevoir la facture en PDF joint à l'e-mail",
      body: "Chaque mois je reçois un e-mail qui dit que la facture est prête, puis je dois me connecter pour la télécharger. Joindre le PDF à l'e-mail ferait gagner du temps, surtout à mon comptable.",
      tags: ["facture"],
      reason: "Nous vérifions avec l'équipe sécurité si les factures peuvent voyager en pièce jointe.",
    },
  ],
};

/**
 * The ideas' proposals (posts) and their votes and statuses (reactions), in
 * `language`, for the demo's timeline. Needs the Ideas category.
 */
export function demoIdeasTimeline(db: Db, person: ReplayActor, now: number, language: Language): Timeline {
  const words = DEMO_IDEAS[language];
  const posts: Timeline["posts"] = [];
  const reactions: Timeline["reactions"] = [];
  IDEAS.forEach((idea, i) => {
    const { title, body, tags, reason } = words[i]!;
    const proposed = now - idea.daysAgo * DAY;
    let threadId = 0;
    posts.push({
      at: proposed,
      run: () => {
        const result = proposeIdea(db, person(idea.author), { title, body, tags, now: new Date(proposed) });
        if (!result.ok) throw new Error(`The demo idea "${title}" was refused: ${JSON.stringify(result.errors)}`);
        threadId = result.id;
      },
    });
    idea.voters.forEach((voter, n) => {
      // Most votes in the first days, then fewer and fewer.
      const votedAt = proposed + (n + 1) ** 1.6 * 5 * HOUR;
      reactions.push({ at: votedAt, run: () => voteForIdea(db, person(voter), { threadId, now: new Date(votedAt) }) });
    });
    const decision = idea.status;
    if (decision) {
      const decidedAt = now - decision.daysAgo * DAY;
      reactions.push({
        at: decidedAt,
        run: () => {
          const result = setIdeaStatus(db, person("morgan"), {
            threadId,
            status: decision.status,
            reason,
            earlyAccess: !!decision.early,
            now: new Date(decidedAt),
          });
          if (!result.ok) throw new Error(`The demo idea "${title}" refused its status: ${JSON.stringify(result.errors)}`);
        },
      });
    }
  });
  return { posts, reactions };
}
