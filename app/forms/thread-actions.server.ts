// The thread page's action reads its forms with these schemas. Imported
// through this server module so that the page's JavaScript does not carry
// zod: no schema here gives the browser a hint it uses.
export { answerSchema, commentSchema, flagSchema, postIdSchema, voteSchema } from "./thread";
