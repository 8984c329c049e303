// The two real Stack Exchange dumps the importer is tested on, kept in the
// repository as archives (tests/fixtures/stackexchange-dumps/) so the tests
// do not depend on a folder outside it. Each is unpacked once per machine
// into the temporary folder and reused.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { root } from "./source-files";

export const STACK_EXCHANGE_DUMPS = ["conlang-meta", "french-meta"] as const;
export type StackExchangeDumpName = (typeof STACK_EXCHANGE_DUMPS)[number];

/** The folder of a dump's XML files (Posts.xml, Users.xml...). */
export function stackExchangeDump(name: StackExchangeDumpName): string {
  const base = path.join(tmpdir(), "entraide-stackexchange-dumps-v1");
  const folder = path.join(base, name);
  if (existsSync(path.join(folder, "Posts.xml"))) return folder;
  // Unpacked beside, then moved into place: two test files at once never read half a dump.
  const staging = path.join(base, `.${name}-${process.pid}-${Date.now()}`);
  mkdirSync(staging, { recursive: true });
  const archive = path.join(root, "tests", "fixtures", "stackexchange-dumps", `${name}.tar.gz`);
  const result = spawnSync("tar", ["-xzf", archive, "-C", staging]);
  if (result.status !== 0) throw new Error(`Could not unpack ${archive}: ${result.stderr}`);
  try {
    renameSync(path.join(staging, name), folder);
  } catch (error) {
    // Another test file unpacked it first.
    if (!existsSync(path.join(folder, "Posts.xml"))) throw error;
  }
  rmSync(staging, { recursive: true, force: true });
  return folder;
}
