// The drafts' storage and the form fields they fill (see use-draft.ts),
// loaded after the page is up: nothing here is needed to show it.

const PREFIX = "entraide:draft:";

type Draft = Record<string, string>;
type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    // Storage refused (a private window's settings): no drafts, nothing breaks.
    return null;
  }
}

export function readDraft(key: string): Draft | null {
  try {
    const raw = storage()?.getItem(PREFIX + key);
    const draft: unknown = raw ? JSON.parse(raw) : null;
    return draft && typeof draft === "object" ? (draft as Draft) : null;
  } catch {
    return null;
  }
}

export function writeDraft(key: string, draft: Draft) {
  try {
    if (Object.values(draft).some((value) => value.trim())) storage()?.setItem(PREFIX + key, JSON.stringify(draft));
    else storage()?.removeItem(PREFIX + key);
  } catch {
    // Full or refused: the page still works, the draft is just not kept.
  }
}

export function clearDraft(key: string) {
  try {
    storage()?.removeItem(PREFIX + key);
  } catch {
    // Nothing to do.
  }
}

export function fieldOf(form: HTMLFormElement, name: string): Field | null {
  const field = form.elements.namedItem(name);
  return field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement || field instanceof HTMLSelectElement ? field : null;
}

/**
 * Sets a field as typing would, so React's onChange handlers see it (the
 * ask page's suggestions, the editor's preview): through the element's own
 * value setter, then the event typing sends.
 */
export function setFieldValue(field: Field, value: string) {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), "value")?.set;
  if (setter) setter.call(field, value);
  else field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }));
}

export function collect(form: HTMLFormElement, names: readonly string[]): Draft {
  const draft: Draft = {};
  for (const name of names) {
    const field = fieldOf(form, name);
    if (field) draft[name] = field.value;
  }
  return draft;
}

/** Puts a draft back into the empty fields; true when any was. What the page already shows wins. */
export function restoreDraft(form: HTMLFormElement, key: string, names: readonly string[]): boolean {
  const draft = readDraft(key);
  let any = false;
  for (const name of names) {
    const field = fieldOf(form, name);
    const value = draft?.[name];
    // A reply with errors, a title carried from sign-in: the page's text is kept.
    if (!field || !value || field.value.trim()) continue;
    setFieldValue(field, value);
    any = true;
  }
  return any;
}

/** Saves the draft as it is typed; returns what stops it. */
export function watchDraft(form: HTMLFormElement, key: string, names: readonly string[]): () => void {
  const save = () => writeDraft(key, collect(form, names));
  // What was typed before this module arrived is kept too.
  save();
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  return () => {
    form.removeEventListener("input", save);
    form.removeEventListener("change", save);
  };
}

/** Empties the fields and forgets the draft. */
export function discardDraft(form: HTMLFormElement | null, key: string | null, names: readonly string[]) {
  if (form) for (const name of names) {
    const field = fieldOf(form, name);
    if (field) setFieldValue(field, "");
  }
  if (key) clearDraft(key);
}
