// The shape of the demo conversations (see index.ts). Each language's
// conversations (English here, French in fr/) are the same threads with the
// same keys, people, times and votes: only the words differ, so reputation,
// ranks and badges come out the same in every language.

export type DemoAuthor = string; // a username from DEMO_MEMBERS or one of: "sam", "priya", "morgan", "alex"
export type DemoComment = { author: DemoAuthor; body: string };
export type DemoAnswer = {
  author: DemoAuthor;
  body: string; // markdown
  accepted?: boolean; // at most one per thread; only where the asker would really accept it
  upvotes?: DemoAuthor[]; // who upvoted (never the answer's own author; no duplicates)
  downvotes?: DemoAuthor[];
  comments?: DemoComment[];
  hoursAfterQuestion: number; // when it was posted, relative to the question
};
export type DemoThread = {
  key: string; // the same in every language: how the knowledge base and status incident find their thread
  category: "billing" | "account" | "devices" | "network" | "tips";
  author: DemoAuthor; // the asker
  title: string; // 15–150 characters
  body: string; // markdown, 20–2000 characters
  tags: string[]; // 0–5 tags; lower-case letters, digits and "-", ≤ 25 chars each
  daysAgo: number; // when the question was asked (0.1 – 60)
  upvotes?: DemoAuthor[]; // votes on the question (never its author)
  comments?: DemoComment[]; // comments on the question
  answers: DemoAnswer[];
};

/** One of the demo's ordinary customers: their bio in each language (names and usernames stay). */
export type DemoMember = { username: string; displayName: string; bio: { en: string; fr: string } };

/** A fenced code block's delimiter, kept out of template literals' way. */
export const FENCE = "```";
