// The demo conversations of the Nimbus Telecom community: the extra members,
// and the questions, answers, comments and votes the seed writes for them.
// Plain data, no imports: the seeding code turns it into users, posts and votes.
export type { DemoAnswer, DemoAuthor, DemoComment, DemoThread } from "./types";
export { DEMO_MEMBERS } from "./members";
import { ACCOUNT_THREADS } from "./account";
import { BILLING_THREADS } from "./billing";
import { DEVICES_THREADS } from "./devices";
import { NETWORK_THREADS } from "./network";
import { TIPS_THREADS } from "./tips";
import type { DemoThread } from "./types";

export const DEMO_THREADS: DemoThread[] = [...BILLING_THREADS, ...ACCOUNT_THREADS, ...DEVICES_THREADS, ...NETWORK_THREADS, ...TIPS_THREADS];
