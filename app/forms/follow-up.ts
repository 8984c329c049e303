import { z } from "zod";

/** The asker's answer to "Did this solve your problem?": the Yes and No buttons. */
export const followUpSchema = z.object({
  answer: z.enum(["solved", "not_solved"], { errorMap: () => ({ message: "forumServer.followUp.choose" }) }),
});
