// A sentence decided where the reader's language is not known (the policy,
// a thrown refusal): a catalogue key and its values, put into words where it
// is shown.

export type Message = { message: string; values?: Record<string, string | number> };

/**
 * A refusal thrown from a loader or action: the error page shows it in the
 * reader's language. `message` is a catalogue key (or, until every sentence
 * has one, a sentence).
 */
export function refusedWith(status: number, message: string, values?: Message["values"]): Response {
  const body: Message = values ? { message, values } : { message };
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8" } });
}

/**
 * The 405 of an address that only takes a form's POST (its button's), in
 * the reader's words, with its Allow header: what a loader of such a route throws.
 */
export function postOnly(message: string): Response {
  const refused = refusedWith(405, message);
  refused.headers.set("Allow", "POST");
  return refused;
}

/** Looks like a catalogue key ("forumServer.title.short"), not a sentence. */
const KEY = /^[A-Za-z][\w-]*(\.[\w-]+)+$/;

export function isMessageKey(message: string): boolean {
  return KEY.test(message);
}
