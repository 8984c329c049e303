// Drafts of questions and answers kept in the browser (localStorage), so
// that leaving the page loses nothing: what is typed is saved as it is
// typed, put back into the empty fields on return, and forgotten once it is
// posted. Only with JavaScript; without it, the server keeps a failed post's
// text on the page it answers with.
import { useCallback, useEffect, useState, type RefObject } from "react";

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

function writeDraft(key: string, draft: Draft) {
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

function fieldOf(form: HTMLFormElement, name: string): Field | null {
  const field = form.elements.namedItem(name);
  return field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement || field instanceof HTMLSelectElement ? field : null;
}

/**
 * Sets a field as typing would, so React's onChange handlers see it (the
 * ask page's suggestions, the editor's preview): through the element's own
 * value setter, then the event typing sends.
 */
function setFieldValue(field: Field, value: string) {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), "value")?.set;
  if (setter) setter.call(field, value);
  else field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }));
}

function collect(form: HTMLFormElement, names: readonly string[]): Draft {
  const draft: Draft = {};
  for (const name of names) {
    const field = fieldOf(form, name);
    if (field) draft[name] = field.value;
  }
  return draft;
}

/**
 * Keeps `names` of the form in `formRef` as a draft under `key` (null: keep
 * nothing, as for a visitor). Returns whether a draft was put back, and
 * `save`, `clear` and `discard` (clear, and empty the fields).
 */
export function useDraft(formRef: RefObject<HTMLFormElement>, key: string | null, names: readonly string[]) {
  const [restored, setRestored] = useState(false);
  const fields = names.join(",");

  useEffect(() => {
    const form = formRef.current;
    if (!form || !key) return;
    const draft = readDraft(key);
    let any = false;
    for (const name of names) {
      const field = fieldOf(form, name);
      const value = draft?.[name];
      // What the page already shows (a reply with errors, a title carried from sign-in) wins.
      if (!field || !value || field.value.trim()) continue;
      setFieldValue(field, value);
      any = true;
    }
    setRestored(any);
    const save = () => writeDraft(key, collect(form, names));
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    return () => {
      form.removeEventListener("input", save);
      form.removeEventListener("change", save);
    };
    // `names` is compared through `fields`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [formRef, key, fields]);

  const save = useCallback(() => {
    if (key && formRef.current) writeDraft(key, collect(formRef.current, names));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [formRef, key, fields]);

  const clear = useCallback(() => {
    if (key) clearDraft(key);
  }, [key]);

  const discard = useCallback(() => {
    const form = formRef.current;
    if (form) for (const name of names) {
      const field = fieldOf(form, name);
      if (field) setFieldValue(field, "");
    }
    if (key) clearDraft(key);
    setRestored(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [formRef, key, fields]);

  return { restored, save, clear, discard };
}
