// The text of the search benchmark's community: a seeded random stream, Zipf
// word frequencies, and the telecom-support vocabulary (English and French)
// its threads and answers are written from. The same seed gives the same text,
// as long as the calls come in the same order.
import { seededRandom } from "./bench/seeded-random";

export const SEED = 20_250_601;

// ---------------------------------------------------------------------------
// Randomness: the seeded generator (mulberry32) and Zipf-weighted picks,
// so a few words are everywhere and most are rare, as in real text.

export const random = seededRandom(SEED);
export const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
export const chance = (p: number) => random() < p;
export const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

/** A picker where the item of rank r comes up in proportion to 1 / r^exponent. */
export function zipf<T>(list: readonly T[], exponent = 1): () => T {
  const cumulative = new Float64Array(list.length);
  let sum = 0;
  for (let i = 0; i < list.length; i++) cumulative[i] = sum += 1 / (i + 1) ** exponent;
  return () => {
    const x = random() * sum;
    let low = 0;
    let high = list.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid] > x) high = mid;
      else low = mid + 1;
    }
    return list[low];
  };
}

// ---------------------------------------------------------------------------
// The words of a telecom support forum (the demo brand, Nimbus), most common first.

export const CATEGORIES = [
  {
    slug: "billing",
    name: "Billing",
    description: "Bills, payments, refunds, plans and prices.",
    topics: ["bill", "invoice", "payment", "direct debit", "refund", "charge", "price increase", "late fee", "credit", "discount", "statement", "facture", "prélèvement"],
  },
  {
    slug: "account",
    name: "Account & sign-in",
    description: "Your Nimbus account, passwords, the app and personal details.",
    topics: ["password", "account", "login", "app", "email address", "verification code", "profile", "two-factor code", "mot de passe", "espace client"],
  },
  {
    slug: "devices",
    name: "Devices",
    description: "The Nimbus Box, phones, SIM cards and accessories.",
    topics: ["router", "modem", "phone", "sim card", "esim", "decoder", "repeater", "charger", "ethernet cable", "power supply"],
  },
  {
    slug: "network",
    name: "Network & outages",
    description: "Coverage, mobile signal, masts and known outages.",
    topics: ["signal", "outage", "coverage", "mast", "4g", "5g", "latency", "packet loss", "réseau", "antenna"],
  },
  {
    slug: "internet",
    name: "Home internet",
    description: "Fibre, broadband, Wi-Fi and speeds at home.",
    topics: ["wifi", "fibre", "broadband", "speed", "download speed", "connection", "upload speed", "débit", "dsl line", "optical terminal"],
  },
  {
    slug: "mobile",
    name: "Mobile plans",
    description: "Plans, data, roaming, voicemail and keeping your number.",
    topics: ["roaming", "data allowance", "voicemail", "porting", "pac code", "plan", "forfait", "text messages", "calls", "top-up"],
  },
  {
    slug: "tv",
    name: "TV & streaming",
    description: "Channels, the TV decoder, recordings and streaming apps.",
    topics: ["tv", "channel", "decoder", "recording", "replay", "remote", "subscription", "sports pack", "streaming", "chaîne"],
  },
  {
    slug: "contracts",
    name: "Moving & contracts",
    description: "Moving home, installations, upgrades and cancelling.",
    topics: ["contract", "move", "installation", "engineer visit", "cancellation", "résiliation", "new address", "early termination fee", "upgrade", "renewal"],
  },
  {
    slug: "tips",
    name: "Tips & tricks",
    description: "Get more out of your plan, your box and your phone.",
    topics: ["settings", "guest network", "parental controls", "wifi channel", "dns", "mesh", "battery", "backup", "speed test", "shortcut"],
  },
];

export const NOUNS = [
  "bill", "router", "wifi", "internet", "phone", "app", "account", "payment", "contract", "signal", "sim card",
  "password", "line", "box", "speed", "number", "plan", "message", "support", "email", "data", "network",
  "connection", "customer service", "technician", "order", "refund", "invoice", "modem", "fibre", "tv",
  "voicemail", "roaming", "charge", "upgrade", "outage", "esim", "direct debit", "porting", "credit", "offer",
  "broadband", "decoder", "settings", "code", "chat", "engineer", "appointment", "delivery", "complaint",
  "discount", "subscription", "bundle", "landline", "hotspot", "firmware", "update", "reset", "cable", "socket",
  "light", "screen", "card", "bank", "balance", "tariff", "allowance", "fee", "statement", "reference",
  "ticket", "call centre", "shop", "parcel", "adapter", "password reset", "profile", "mast", "coverage", "4g",
  "5g", "bandwidth", "ping", "dns", "port", "ip address", "ssid", "channel", "remote", "recording", "replay",
  "sports pack", "voucher", "loyalty", "retention", "complaint form", "ombudsman", "warranty", "repair",
];

const VERBS = [
  "restart", "reset", "cancel", "pay", "update", "activate", "connect", "call", "change", "check", "unlock",
  "transfer", "install", "configure", "contact", "port", "top up", "upgrade", "return", "replace", "report",
  "block", "download", "log in to", "set up", "downgrade", "dispute", "renew", "register", "pair", "reboot",
];

const ISSUES = [
  "keeps disconnecting", "stopped working", "is very slow", "shows a red light", "keeps rebooting", "does not load",
  "was charged twice", "drops every evening", "says no service", "is stuck on activation", "is much higher",
  "has the wrong amount", "will not sync", "lost all the settings", "cuts out during calls", "is blinking orange",
  "asks for a code I never received", "does not arrive", "is greyed out", "times out", "shows an error",
];

const ADJECTIVES = [
  "slow", "wrong", "higher", "missing", "blocked", "duplicated", "expired", "unstable", "late", "incorrect",
  "frozen", "weak", "intermittent", "unavailable", "delayed", "unexpected", "faulty", "new", "old", "second",
];

const TIMES = [
  "yesterday", "last week", "this morning", "since Monday", "for three days", "since the update",
  "after the storm", "since I moved", "every evening", "since last month", "for two weeks", "since the engineer visit",
  "at night", "at weekends", "since the price increase", "after the power cut", "since Christmas", "every few minutes",
];

export const DEVICES = [
  "Nimbus Box 4", "Nimbus Box 5", "Nimbus Box Pro", "Nimbus TV 4K decoder", "Nimbus Mesh repeater",
  "iPhone 13", "iPhone 15", "Galaxy S23", "Galaxy A54", "Pixel 8", "Pixel 7a", "Xperia 10", "Moto G84",
  "Fairphone 5", "Redmi Note 12", "OnePlus 11", "iPad Air", "MacBook", "Chromecast", "Fire TV Stick",
  "PlayStation 5", "Xbox Series X", "Apple TV", "Sonos One", "Ring doorbell", "Netgear Orbi", "TP-Link Deco",
];

export const PLACES = [
  "Lyon", "Nantes", "Lille", "Bordeaux", "Rennes", "Grenoble", "Montpellier", "Toulouse", "Strasbourg", "Brest",
  "Leeds", "Bristol", "Manchester", "Glasgow", "Cardiff", "Norwich", "Exeter", "Dundee", "York", "Sheffield",
  "Annecy", "Quimper", "Poitiers", "Limoges", "Besançon", "Orléans", "Amiens", "Troyes", "Nîmes", "Valence",
];

export const FIRST_NAMES = [
  "Sam", "Priya", "Morgan", "Alex", "Jordan", "Chloé", "Lucas", "Emma", "Hugo", "Léa", "Noah", "Inès", "Liam",
  "Zoé", "Omar", "Fatima", "Yann", "Maëlle", "Tom", "Sofia", "Ravi", "Aisha", "Pierre", "Camille", "Oliver",
  "Amelia", "Jack", "Isla", "Théo", "Manon", "Kenji", "Mei", "Diego", "Lucía", "Mateo", "Nora", "Ethan", "Ava",
];

export const LAST_NAMES = [
  "Rivera", "Nair", "Lee", "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Petit", "Durand", "Leroy",
  "Moreau", "Simon", "Laurent", "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Khan",
  "Patel", "Garcia", "Nguyen", "Kowalski", "Müller", "Rossi", "O'Brien", "Murphy", "Kelly", "Fontaine",
];

// The long tail: made-up words (street names, people, typos, brand jargon) that
// each turn up a handful of times, as most words of a real forum do.
const SYLLABLES = ["ka", "ro", "ven", "li", "mar", "to", "bel", "qui", "dor", "sa", "ne", "lu", "gra", "fi", "pel", "zo", "cor", "an", "vi", "tre"];
export const RARE_WORDS = Array.from({ length: 20_000 }, (_, i) => {
  let n = i;
  let word = "";
  do {
    word += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  } while (n > 0);
  return `${word}${SYLLABLES[(i * 7) % SYLLABLES.length]}`;
});

export const ERROR_CODES = Array.from({ length: 400 }, (_, i) => `E-${1000 + ((i * 379) % 9000)}`);

const globalNoun = zipf(NOUNS, 0.9);
const verb = zipf(VERBS, 0.7);
const issue = zipf(ISSUES, 0.7);
const adjective = zipf(ADJECTIVES, 0.7);
const time = zipf(TIMES, 0.7);
const device = zipf(DEVICES, 1.1);
const place = zipf(PLACES, 0.8);
const rareWord = zipf(RARE_WORDS, 1.05);
const errorCode = zipf(ERROR_CODES, 1.1);
const amount = () => `€${between(3, 120)}.${String(between(0, 99)).padStart(2, "0")}`;

/**
 * What one thread is about. Its people mention the same few things again and
 * again, as in a real thread, so a topic word is frequent in some threads and
 * absent from most.
 */
type Subject = { topics: string[]; device: string; place: string; code: string; french: boolean };

export function makeSubject(categoryTopic: () => string, french: boolean): Subject {
  const topics = french
    ? [FRENCH_TOPICS(), FRENCH_TOPICS(), categoryTopic()]
    : [categoryTopic(), categoryTopic(), globalNoun(), ...(chance(0.5) ? [globalNoun()] : [])];
  return { topics: [...new Set(topics)], device: device(), place: place(), code: errorCode(), french };
}

/** One of the thread's topics, the first ones most often; now and then something else. */
const subjectTopic = (s: Subject) => (chance(0.95) ? s.topics[Math.floor(random() ** 1.6 * s.topics.length)] : globalNoun());

const SLOTS: Record<string, (s: Subject) => string> = {
  topic: subjectTopic,
  noun: (s) => (chance(0.85) ? subjectTopic(s) : globalNoun()),
  verb: () => verb(),
  issue: () => issue(),
  adj: () => adjective(),
  time: () => time(),
  when: () => pick(["by tomorrow", "within 48 hours", "later today", "by the end of the week", "on Monday", "tonight"]),
  device: (s) => (chance(0.85) ? s.device : device()),
  place: (s) => (chance(0.9) ? s.place : place()),
  code: (s) => (chance(0.9) ? s.code : errorCode()),
  rare: () => rareWord(),
  amount,
  num: () => String(between(2, 60)),
  ref: () => `NMB-${between(10_000, 99_999)}`,
  name: () => pick(FIRST_NAMES),
};

/** Fills {slot}s from the thread's subject and picks one of each [a|b|c]. */
function fill(template: string, s: Subject): string {
  return template.replace(/\{(\w+)\}|\[([^\]]+)\]/g, (_, slot: string | undefined, choices: string | undefined) =>
    slot ? SLOTS[slot](s) : pick(choices!.split("|")),
  );
}

const TITLE_TEMPLATES = zipf(
  [
    "{topic} {issue} {time}",
    "Why is my {topic} so {adj} this month",
    "How do I {verb} my {topic}",
    "{device} {issue}",
    "Error {code} when I try to {verb} the {topic}",
    "Can I {verb} my {topic} without [calling support|going to a shop|a new contract]",
    "{topic} {adj} after switching to the new {noun}",
    "Charged {amount} for {topic} I never [used|asked for|ordered]",
    "No {topic} in {place} {time}",
    "Is there a way to {verb} the {topic} from the app",
    "{topic} and {noun} both {adj} {time}",
    "[Help|Urgent|Question]: {topic} {issue}",
    "What happens to my {topic} if I {verb} the {noun}",
    "Best way to {verb} {topic} on a {device}",
    "[Still|Again] {adj} {topic} after [three|four|five] calls to support",
    "{topic} [problem|issue|question] [with|on] {device}",
    "Does anyone else have {adj} {topic} in {place}",
    "[Refund|Credit|Compensation] for {topic} [outage|problem|downtime]",
  ],
  0.6,
);

const TITLE_ENDINGS = zipf([
  "on my {device}", "since {time}", "in {place}", "any ideas", "please help", "after the {noun} change",
  "with the {topic}", "is this normal", "for the second time", "even after a {noun} reset", "what are my options",
  "nobody can tell me why",
], 0.5);

export const QUESTION_SENTENCES = zipf(
  [
    "My {topic} {issue} {time}.",
    "I have a {device} and the {topic} {issue}.",
    "I already tried to {verb} the {noun} but [nothing changed|it made no difference|the problem came back].",
    "[Support|The chat agent|Customer service] told me to {verb} the {topic} and wait {num} hours.",
    "This month the {topic} is {amount} instead of the usual {amount}.",
    "The app shows error {code} every time I try to {verb} my {topic}.",
    "I live in {place} and my neighbours have the same {topic} problem.",
    "Is this a known {noun} issue or is it just my {topic}?",
    "The {topic} was fine until {time}.",
    "My [reference|ticket number|order number] is {ref} if that helps.",
    "I [called|rang|phoned] customer service [twice|three times|again] and waited {num} minutes each time.",
    "The technician, {name}, said the {noun} was {adj} but never came back.",
    "Does anyone know how to {verb} the {topic} without losing the {noun}?",
    "I am on the {rare} [plan|bundle|offer] with a {device}.",
    "We pay by [direct debit|card|bank transfer] and the {topic} amount looks {adj}.",
    "The light on the {device} is [orange|red|blinking white|off] and the {topic} {issue}.",
    "I have [restarted|rebooted|unplugged] the {device} {num} times today.",
    "Our street ({rare} road) had [works|roadworks|a cable cut] {time}.",
    "Thanks in advance for any help with the {topic}.",
    "I would like to {verb} my {topic} before the contract ends.",
    "[My partner|My daughter|My son|My flatmate] says the {topic} is {adj} on their phone too.",
    "It only happens {time}, otherwise the {topic} is fine.",
    "I work from home so a {adj} {topic} is a real problem.",
    "[Speed tests|The app|The website] [show|shows] the {topic} is {adj} {time}.",
    "Nobody at the [shop|call centre|chat] could explain the {topic}.",
    "Should I ask for a {noun} [replacement|refund|credit] or wait?",
    "The {topic} page in the app just says error {code}.",
    "I have been a customer for {num} years and never had a {topic} problem before.",
    "Is it worth [switching|moving|upgrading] to the {rare} [plan|offer] for the {topic}?",
    "Any [ideas|advice|tips] before I [complain|cancel|call again]?",
    "I [cannot|can't] {verb} the {topic} and I need it for work.",
    "Can I keep my [number|email address|plan] if I [switch|move] to another provider?",
    "There are [roaming|extra|unexpected] charges of {amount} from my trip to [Spain|Italy|Portugal|Morocco|the US].",
    "The {topic} keeps [dropping|restarting|freezing] [every night|at night|every evening].",
    "The engineer visit was cancelled [twice|again|at the last minute].",
    "I have money in the account but the {topic} payment failed.",
    "It is [worse|slower|more expensive] than [last month|before|with my old provider].",
  ],
  0.5,
);

export const ANSWER_SENTENCES = zipf(
  [
    "Have you tried to [restart|reboot|power-cycle] the {device}? [Unplug it|Switch it off at the wall] for [thirty seconds|a minute|ten seconds].",
    "Same here with my {topic}, it {issue} {time}.",
    "Go to Settings, then {topic}, and switch it off and on again.",
    "[There is a known outage|There are planned works|There is a known fault] in {place}; the status page says it should be fixed {when}.",
    "Ask support for a [goodwill credit|refund|discount] of {amount}, they gave me one for the {topic}.",
    "Error {code} usually means the {noun} could not be [verified|reached|activated].",
    "You can {verb} the {topic} yourself in the app under My account.",
    "Check that the {topic} date matches your payday, otherwise a late fee of {amount} is added.",
    "[Thanks|Thank you|Cheers], that fixed it!",
    "The {topic} price increase was announced by email {time}.",
    "Mine was {adj} too until I changed the [wifi|radio|5 GHz] channel to {num}.",
    "If you {verb} the {topic} within {num} days there is no fee.",
    "Ring the retention team and ask to {verb} your {topic}: they often match [offers|prices|deals].",
    "A factory reset of the {device} solved it for me.",
    "Your {topic} should update {when}; if not, open a complaint with reference {ref}.",
    "I had the same {rare} issue and the engineer replaced the {noun}.",
    "Make sure the cable is in the [right|grey|yellow|WAN] port of the {device}, not the phone socket.",
    "The moderator {name} posted a guide for the {topic}, search for it.",
    "Check the {topic} settings for [roaming|mobile data|calls abroad] before you travel.",
    "Porting your number takes one working day once you have the code.",
    "[I think|I believe|As far as I know] the {topic} is reset [every month|at midnight|on the billing date].",
    "Did you get a text about the {topic}? They send one {when}.",
    "Try the {device} without the {noun} plugged in, just to rule it out.",
    "[Marked|Accepted] as the answer: the {topic} works again since the {noun} [swap|reset|update].",
    "For a {adj} {topic} the team can book an engineer, usually {when}.",
    "Which {device} firmware are you on? The latest fixed a {topic} bug.",
    "The {topic} line on your [statement|invoice|bill] is the [pro-rata|one-off|monthly] part.",
    "If the {topic} is still {adj}, post your {noun} details here (not your address).",
    "Could be the {noun}; mine [failed|died|overheated] after {num} months.",
    "The {topic} is [covered|not covered] by the warranty, sadly.",
    "Escalate it: ask for a [manager|team leader|complaint reference] and mention the {topic}.",
    "[Works|Worked] for me in {place} after [a reboot|the update|a new SIM].",
    "Your old provider cannot refuse to port your number.",
    "Charges [abroad|for roaming] show up on the next [statement|invoice|bill], not straight away.",
    "If the appointment was cancelled, ask for compensation: it is {amount} per missed visit.",
    "Keep the {device} away from the microwave, it [disturbs|kills] the 2.4 GHz band.",
  ],
  0.5,
);

// French, for the French-speaking part of the community (and to exercise accent folding).
const FRENCH_TOPICS = zipf(
  [
    "facture", "box", "fibre", "forfait", "réseau", "débit", "résiliation", "prélèvement", "carte SIM", "messagerie",
    "décodeur", "contrat", "remboursement", "mot de passe", "espace client", "chaîne", "antenne", "connexion", "ligne",
    "abonnement", "déménagement", "réparation", "échéance",
  ],
  0.8,
);

const FRENCH_SLOTS: Record<string, (s: Subject) => string> = {
  topic: (s) => s.topics[Math.floor(random() ** 1.6 * s.topics.length)],
  issue: () =>
    pick([
      "ne fonctionne plus", "est très lent", "a augmenté", "a été prélevé deux fois", "coupe tous les soirs",
      "affiche une erreur", "est bloqué", "n'est pas arrivé", "a été facturé sans raison", "clignote en rouge",
    ]),
  time: () =>
    pick(["depuis hier", "depuis lundi", "depuis une semaine", "ce matin", "depuis la mise à jour", "depuis mon déménagement", "tous les soirs", "depuis le mois dernier"]),
  device: (s) => s.device,
  place: (s) => s.place,
  code: (s) => s.code,
  amount,
  num: () => String(between(2, 60)),
  rare: () => rareWord(),
};

function fillFrench(template: string, s: Subject): string {
  return template.replace(/\{(\w+)\}|\[([^\]]+)\]/g, (_, slot: string | undefined, choices: string | undefined) =>
    slot ? FRENCH_SLOTS[slot](s) : pick(choices!.split("|")),
  );
}

const FRENCH_TITLES = zipf([
  "[Ma|La] {topic} {issue} {time}",
  "Problème de {topic} à {place}",
  "Comment faire pour la résiliation de [mon|ma] {topic}",
  "{topic} {issue} [sur ma|avec ma|depuis ma] {device}",
  "Erreur {code} avec la {topic}",
  "Pourquoi ma facture a augmenté de {amount}",
  "[Aide|Question|Urgent] : {topic} {issue}",
  "Remboursement après la panne de {topic} à {place}",
]);

const FRENCH_SENTENCES = zipf([
  "[Ma|La] {topic} {issue} {time}.",
  "J'ai déjà redémarré la {device} {num} fois.",
  "Le débit de [ma fibre|ma connexion|la box] est très lent {time}.",
  "Pas de réseau dans mon quartier à {place}.",
  "La résiliation de mon forfait a été refusée par le service client.",
  "On m'a facturé {amount} pour [une|la] {topic} que je n'ai jamais utilisée.",
  "Le technicien doit passer {time} pour la {topic}.",
  "Avez-vous essayé de réinitialiser la {topic} ?",
  "Merci, c'est réglé !",
  "Même problème ici avec la {topic}, l'erreur {code} s'affiche.",
  "Il faut appeler le service client et demander un geste commercial de {amount}.",
  "Le prélèvement est fait le {num} de chaque mois.",
  "J'habite à {place} et mes voisins ont le même souci de {topic}.",
  "Regardez dans l'espace client, rubrique {topic}.",
  "Le conseiller m'a dit d'attendre {num} jours pour la {topic}.",
  "Chez moi la {topic} remarche depuis le changement de {device}.",
], 0.5);

const FRENCH_TITLE_ENDINGS = zipf(["{time}", "à {place}", "merci d'avance", "besoin d'aide", "que faire", "encore une fois"], 0.5);

/** A title of six to fourteen words, capitalised. */
export function makeTitle(s: Subject): string {
  let words = (s.french ? fillFrench(FRENCH_TITLES(), s) : fill(TITLE_TEMPLATES(), s)).split(" ");
  const target = between(6, 14);
  while (words.length < target) {
    words = words.concat((s.french ? fillFrench(FRENCH_TITLE_ENDINGS(), s) : fill(TITLE_ENDINGS(), s)).split(" "));
  }
  const text = words.slice(0, 14).join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1) + (s.french || !chance(0.3) ? "" : "?");
}

/** Sentences from the question's or the answers' templates, or French ones. */
export function makeSentences(count: number, templates: () => string, s: Subject, french = s.french): string[] {
  return Array.from({ length: count }, () => {
    const sentence = french ? fillFrench(FRENCH_SENTENCES(), s) : fill(templates(), s);
    return sentence.charAt(0).toUpperCase() + sentence.slice(1);
  });
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Markdown source and its HTML: sentences in paragraphs of up to three. */
export function makeBody(sentences: string[]): { body: string; bodyHtml: string } {
  const paragraphs: string[] = [];
  for (let i = 0; i < sentences.length; i += 3) paragraphs.push(sentences.slice(i, i + 3).join(" "));
  return { body: paragraphs.join("\n\n"), bodyHtml: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n") };
}
