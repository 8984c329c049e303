// A conversion worker (a worker thread of BodyConverter): converts the bodies
// it is sent and sends them back, in order. It reads and writes no database.
import { parentPort } from "node:worker_threads";
import { convertBodies, type BodyKind } from "./html-to-markdown.server";

export type ConversionRequest = { id: number; kind: BodyKind; texts: string[] };

parentPort?.on("message", (request: ConversionRequest) => {
  parentPort!.postMessage({ id: request.id, results: convertBodies(request.kind, request.texts) });
});
