import { createContext, useContext, useMemo, type FormEvent, type ReactNode } from "react";
import { Link, useSubmit, type SubmitFunction } from "@remix-run/react";
import { useT } from "~/i18n/i18n";

// A thread page carries a few dozen small forms (votes, accept, delete, thank).
// Each is a plain <form> posting to the thread's own address, so it works
// without JavaScript; with it, one submit function shared through context
// sends it as Remix's <Form> would (no full reload, scroll kept), without the
// per-form hooks that made a long thread cost twice as much to render.
type PostForms = { action: string; submit: SubmitFunction };

const PostFormsContext = createContext<PostForms | null>(null);

/** Gives the forms inside the address they post to, and the one submit function. */
export function PostFormsProvider({ action, children }: { action: string; children: ReactNode }) {
  const submit = useSubmit();
  const value = useMemo(() => ({ action, submit }), [action, submit]);
  return <PostFormsContext.Provider value={value}>{children}</PostFormsContext.Provider>;
}

function usePostForms() {
  const forms = useContext(PostFormsContext);
  if (!forms) throw new Error("A thread page's form is used outside PostFormsProvider.");
  return forms;
}

/** The thread's own address, which its forms post to. */
export function usePostFormsAction() {
  return usePostForms().action;
}

/**
 * A POST form of the thread page: a plain form, sent by the router when
 * JavaScript runs. A form opened through the address (`?flag=12`) posts to
 * that address, so that when it comes back with errors its "Cancel" still
 * leads somewhere else.
 */
export function PostForm({ className, query, children }: { className?: string; query?: string; children: ReactNode }) {
  const forms = usePostForms();
  const action = query ? `${forms.action}?${query}` : forms.action;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (event.defaultPrevented) return;
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    forms.submit(submitter ?? event.currentTarget, { method: "post", action, preventScrollReset: true });
  };
  return (
    <form method="post" action={action} className={className} onSubmit={onSubmit}>
      {children}
    </form>
  );
}

/** What an opened form of a post got back from the server: its field errors and the values sent. */
export type PostFormState = { errors?: Record<string, string>; values?: Record<string, string> } | undefined;

/** A post's opened form ends with its button and a way back to the post without it. */
export function SendOrCancel({ label, postId }: { label: string; postId: number }) {
  const t = useT();
  return (
    <div className="form-actions">
      <button type="submit" className="button button-small">
        {label}
      </button>
      <Link to={`${usePostFormsAction()}#post-${postId}`} preventScrollReset className="link-button">
        {t("post.cancel")}
      </Link>
    </div>
  );
}
