// What a person reads when an emailed link does not work (a password reset or
// an address to confirm), shared by those pages; the status each answers with.

/** Why an emailed link does not work. */
export type TokenProblem = "invalid" | "used" | "expired" | "superseded" | "taken";

export const LINK_PROBLEM_STATUS: Record<TokenProblem, number> = {
  invalid: 400,
  used: 410,
  expired: 410,
  superseded: 410,
  taken: 409,
};

export const RESET_LINK_PROBLEMS: Record<TokenProblem, { title: string; text: string }> = {
  invalid: {
    title: "This link doesn't work",
    text: "It may have been cut short when it was copied. Ask for a new link below.",
  },
  used: {
    title: "This link was already used",
    text: "Each link works only once. If you still need a new password, ask for a new link.",
  },
  expired: {
    title: "This link has expired",
    text: "A link to reset your password works for one hour. Ask for a new one.",
  },
  superseded: {
    title: "This link no longer works",
    text: "The account's email address changed after it was sent. Ask for a new link.",
  },
  taken: { title: "This link no longer works", text: "Ask for a new link." },
};

export const CONFIRM_LINK_PROBLEMS: Record<TokenProblem, { title: string; text: string }> = {
  invalid: {
    title: "This link doesn't work",
    text: "It may have been cut short when it was copied. Sign in and ask for a new confirmation email.",
  },
  used: {
    title: "This link was already used",
    text: "Each link works only once. If your address still isn't confirmed, ask for a new confirmation email.",
  },
  expired: {
    title: "This link has expired",
    text: "A confirmation link works for 48 hours. Ask for a new confirmation email.",
  },
  superseded: {
    title: "This link was replaced",
    text: "You asked for a different address after this link was sent, so only the newest link counts.",
  },
  taken: {
    title: "That address is used by another account",
    text: "Another account confirmed this address first, so it can't be yours here. Choose another address in your settings.",
  },
};
