// Drafts of questions and answers kept in the browser (localStorage), so
// that leaving the page loses nothing: what is typed is saved as it is
// typed, put back into the empty fields on return, and forgotten once it is
// posted. Only with JavaScript; without it, the server keeps a failed post's
// text on the page it answers with. The storage code (draft-store.ts) is
// loaded once the page is up, outside the page's own script budget.
import { useCallback, useEffect, useState, type RefObject } from "react";

const store = () => import("./draft-store");

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
    let stop: (() => void) | null = null;
    let left = false;
    void store().then(({ restoreDraft, watchDraft }) => {
      if (left) return;
      setRestored(restoreDraft(form, key, names));
      stop = watchDraft(form, key, names);
    });
    return () => {
      left = true;
      stop?.();
    };
    // `names` is compared through `fields`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [formRef, key, fields]);

  const save = useCallback(() => {
    const form = formRef.current;
    if (key && form) void store().then(({ writeDraft, collect }) => writeDraft(key, collect(form, names)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [formRef, key, fields]);

  const clear = useCallback(() => {
    if (key) void store().then(({ clearDraft }) => clearDraft(key));
  }, [key]);

  const discard = useCallback(() => {
    const form = formRef.current;
    void store().then(({ discardDraft }) => discardDraft(form, key, names));
    setRestored(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [formRef, key, fields]);

  return { restored, save, clear, discard };
}
