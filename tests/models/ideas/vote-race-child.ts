// One of the processes of the voting race (ideas-vote-race.test.ts): its own
// connection to the test's database file, then, on "go", each of its members
// votes for the idea twice, as fast as it can. Prints what the last vote counted, and when it voted.
import { createInterface } from "node:readline";
import { getUserById } from "../../../app/models/accounts/user.server";
import { voteForIdea } from "../../../app/models/ideas/ideas.server";
import { createDb } from "../../../db/client";

const [databasePath, threadIdText, ...userIdTexts] = process.argv.slice(2);
const db = createDb(databasePath!);
const threadId = Number(threadIdText);
const voters = userIdTexts.map((id) => getUserById(db, Number(id))!);

const lines = createInterface({ input: process.stdin });
process.stdout.write("ready\n");
lines.once("line", () => {
  const started = Date.now();
  let counted = 0;
  for (const voter of [...voters, ...voters.reverse()]) counted = voteForIdea(db, voter, { threadId }).votes;
  const finished = Date.now();
  lines.close();
  db.$client.close();
  process.stdout.write(`${JSON.stringify({ counted, started, finished })}\n`, () => process.exit(0));
});
