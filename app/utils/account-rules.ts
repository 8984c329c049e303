// The account rules' shape and defaults, importable by forms in the browser.

export const HOLD_FOR_REVIEW = ["off", "first", "new"] as const;
export type HoldForReview = (typeof HOLD_FOR_REVIEW)[number];

export type AccountRules = {
  /** Moderators and admins must sign in with a second factor. */
  requireStaffTwoFactor: boolean;
  /** Members may sign in with a password of ours (admins may turn it off when single sign-on is on). */
  memberPasswords: boolean;
  /** Links a new account may post in its first day, all its posts together. */
  newAccountLinkLimit: number;
  /** Posts held for review: none, a member's first question and first answer, or every post of a new account. */
  holdForReview: HoldForReview;
  /** Spam flags, from members with at least `spamFlagMinReputation`, that hide a post at once pending review. */
  spamFlagThreshold: number;
  spamFlagMinReputation: number;
};

export const DEFAULT_ACCOUNT_RULES: AccountRules = {
  requireStaffTwoFactor: false,
  memberPasswords: true,
  newAccountLinkLimit: 2,
  holdForReview: "off",
  spamFlagThreshold: 3,
  spamFlagMinReputation: 15,
};
