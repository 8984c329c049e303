// The demo conversations of the Nimbus Telecom community: the extra members,
// and the questions, answers, comments and votes the seed writes for them,
// in each language the site speaks (English here, French in fr/). Plain data:
// the seeding code turns it into users, posts and votes, the same way for
// every language.
import type { Language } from "../../app/i18n/languages";
import { ACCOUNT_THREADS } from "./account";
import { BILLING_THREADS } from "./billing";
import { DEVICES_THREADS } from "./devices";
import { NETWORK_THREADS } from "./network";
import { TIPS_THREADS } from "./tips";
import { FR_ACCOUNT_THREADS } from "./fr/account";
import { FR_BILLING_THREADS } from "./fr/billing";
import { FR_DEVICES_THREADS } from "./fr/devices";
import { FR_NETWORK_THREADS } from "./fr/network";
import { FR_TIPS_THREADS } from "./fr/tips";
import type { DemoThread } from "./types";

export type { DemoAnswer, DemoAuthor, DemoComment, DemoMember, DemoThread } from "./types";
export { DEMO_MEMBERS } from "./members";

export const DEMO_THREADS_BY_LANGUAGE: Record<Language, DemoThread[]> = {
  en: [...BILLING_THREADS, ...ACCOUNT_THREADS, ...DEVICES_THREADS, ...NETWORK_THREADS, ...TIPS_THREADS],
  fr: [...FR_BILLING_THREADS, ...FR_ACCOUNT_THREADS, ...FR_DEVICES_THREADS, ...FR_NETWORK_THREADS, ...FR_TIPS_THREADS],
};

/** The English conversations. */
export const DEMO_THREADS = DEMO_THREADS_BY_LANGUAGE.en;

/** The title a demo thread has in `language`, found by its key (the knowledge base and the status incident point at threads this way). */
export function demoThreadTitle(language: Language, key: string): string {
  const thread = DEMO_THREADS_BY_LANGUAGE[language].find((t) => t.key === key);
  if (!thread) throw new Error(`No demo thread "${key}" in ${language}`);
  return thread.title;
}
