// A real HTTP receiver for webhook tests, on 127.0.0.1: it records every
// request (headers and the exact body) and answers with the statuses it is
// told to (204 when none is left); and the check that an envelope matches
// the OpenAPI document's description of its event.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { openApiDocument } from "../../../app/api/openapi.server";

export type ReceivedDelivery = { path: string; headers: IncomingHttpHeaders; body: string; json: Record<string, any> };

export async function startWebhookReceiver() {
  const received: ReceivedDelivery[] = [];
  const statuses: number[] = [];
  let otherwise = 204;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let json: Record<string, any> = {};
      try {
        json = JSON.parse(body);
      } catch {
        // Recorded as received.
      }
      received.push({ path: req.url ?? "", headers: req.headers, body, json });
      res.statusCode = statuses.shift() ?? otherwise;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}/hooks/entraide`,
    received,
    /** The next answers, in order. */
    answer(...next: number[]) {
      statuses.push(...next);
    },
    /** The answer once the queued ones are used. */
    answerOtherwise(status: number) {
      otherwise = status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

let validator: Ajv2020 | null = null;

/** Checks an envelope against the OpenAPI document's `webhooks` section (the envelope of its event). */
export function expectEnvelopeConforms(envelope: Record<string, any>) {
  if (!validator) {
    validator = new Ajv2020({ strict: false, allErrors: true });
    addFormats(validator);
    validator.addSchema(openApiDocument("http://localhost") as object, "openapi");
  }
  const pointer = `openapi#/webhooks/${String(envelope.event).replace(/~/g, "~0").replace(/\//g, "~1")}/post/requestBody/content/application~1json/schema`;
  const validate = validator.getSchema(pointer);
  if (!validate) throw new Error(`The document describes no webhook event "${envelope.event}"`);
  if (!validate(envelope)) throw new Error(`The ${envelope.event} envelope does not match the document: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
}
