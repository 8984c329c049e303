// The conversion worker's entry. A worker thread starts a JavaScript file and,
// on Node 20, does not apply the loader hooks of `--import tsx` to its entry:
// this file registers tsx (as the command itself runs), then loads the
// TypeScript worker. Registering again where the parent already runs tsx is
// harmless.
import { register } from "tsx/esm/api";

register();
await import("./body-conversion-worker.server.ts");
