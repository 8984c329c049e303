// "Flag" on a post: why (the reasons a moderator sorts by) and a note. Shown
// for one post once "Flag" is chosen (through the address, so it works
// without JavaScript); the browser loads it only then (see post-view.tsx).
import { useT } from "~/i18n/i18n";
import { PostForm, SendOrCancel, type PostFormState } from "./post-form";

export function FlagForm({ postId, state }: { postId: number; state: PostFormState }) {
  const t = useT();
  const errors = state?.errors ?? {};
  const reasons = [
    ["spam", t("post.flagSpam")],
    ["offensive", t("post.flagOffensive")],
    ["off-topic", t("post.flagOffTopic")],
    ["other", t("post.flagOther")],
  ] as const;
  return (
    <div className="flag-details" id={`flag-${postId}`}>
      <PostForm className="flag-form stack" query={`flag=${postId}`}>
        <input type="hidden" name="intent" value="flag" />
        <input type="hidden" name="postId" value={postId} />
        <fieldset>
          <legend>{t("post.flagLegend")}</legend>
          {reasons.map(([value, label], index) => (
            <label key={value} className="radio">
              <input type="radio" name="reason" value={value} defaultChecked={state?.values?.reason === value} autoFocus={index === 0} /> {label}
            </label>
          ))}
        </fieldset>
        {errors.reason ? <p className="field-error" role="alert">{errors.reason}</p> : null}
        <div className={`field${errors.note ? " field-invalid" : ""}`}>
          <label htmlFor={`flag-note-${postId}`}>{t("post.flagNote")}</label>
          <input id={`flag-note-${postId}`} name="note" defaultValue={state?.values?.note} />
          {errors.note ? <p className="field-error" role="alert">{errors.note}</p> : null}
        </div>
        {errors.form ? <p className="field-error" role="alert">{errors.form}</p> : null}
        <SendOrCancel label={t("post.sendFlag")} postId={postId} />
      </PostForm>
    </div>
  );
}
