// When an emailed link does not work (a password reset or an address to
// confirm): why, and the status each answer has. What the person reads is in
// the catalogues, under linkProblems.reset.<problem> and
// linkProblems.confirm.<problem> (app/i18n/catalogues/<language>/accounts.json).

/** Why an emailed link does not work. */
export type TokenProblem = "invalid" | "used" | "expired" | "superseded" | "taken";

export const LINK_PROBLEM_STATUS: Record<TokenProblem, number> = {
  invalid: 400,
  used: 410,
  expired: 410,
  superseded: 410,
  taken: 409,
};

/** The catalogue keys of a link's problem page: its title and its text. */
export function linkProblemKeys(link: "reset" | "confirm", problem: TokenProblem) {
  return { title: `linkProblems.${link}.${problem}.title`, text: `linkProblems.${link}.${problem}.text` } as const;
}
