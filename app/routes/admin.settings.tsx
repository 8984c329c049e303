import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Field, FieldError, FormSuccess } from "~/components/field";
import type { AccountRules } from "~/utils/account-rules";
import { LANGUAGE_NAMES, LANGUAGES } from "~/i18n/languages";
import { followUpSettingsSchema, HOLD_FOR_REVIEW_CHOICES, kbReviewRuleSchema, needsAttentionSchema, siteSettingsSchema, spamRulesSchema } from "~/forms/admin";
import { updateAccountRules } from "~/models/accounts/account-rules.server";
import { settingsPageFor } from "~/models/site/settings-page.server";
import { updateFollowUpDays, updateKbReviewRule, updateNeedsAttentionHours, updateSiteSettings } from "~/models/site/settings.server";
import { assertCan } from "~/policy.server";
import { parseForm, readForm, readIntent, type FormReply } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "Site settings · Administration" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return json(settingsPageFor(context.db, requireUser(request, context)));
}

type SettingsReply = FormReply & { form: "site" | "kb" | "follow-up" | "needs-attention" | "spam" };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Refuse non-admins before reading their form, so a forged post learns nothing.
  assertCan(user, "admin.settings");
  const form = await readForm(request);
  // The site form names no intent; the others name theirs.
  const intent = readIntent(form, ["site", "kb", "follow-up", "needs-attention", "spam"], "site");
  if (intent === "spam") {
    const parsed = parseForm(spamRulesSchema, form);
    if (!parsed.ok) return json<SettingsReply>({ form: "spam", errors: parsed.errors, values: parsed.values }, { status: 400 });
    updateAccountRules(context.db, user, parsed.data);
    return json<SettingsReply>({ form: "spam", message: "The spam defences were saved." });
  }
  if (intent === "kb") {
    const parsed = parseForm(kbReviewRuleSchema, form);
    if (!parsed.ok) return json<SettingsReply>({ form: "kb", errors: parsed.errors, values: parsed.values }, { status: 400 });
    updateKbReviewRule(context.db, user, parsed.data);
    return json<SettingsReply>({ form: "kb", message: "The review rule was saved." });
  }
  if (intent === "follow-up") {
    const parsed = parseForm(followUpSettingsSchema, form);
    if (!parsed.ok) return json<SettingsReply>({ form: "follow-up", errors: parsed.errors, values: parsed.values }, { status: 400 });
    updateFollowUpDays(context.db, user, parsed.data.followUpDays);
    return json<SettingsReply>({ form: "follow-up", message: "The follow-up delay was saved." });
  }
  if (intent === "needs-attention") {
    const parsed = parseForm(needsAttentionSchema, form);
    if (!parsed.ok) return json<SettingsReply>({ form: "needs-attention", errors: parsed.errors, values: parsed.values }, { status: 400 });
    updateNeedsAttentionHours(context.db, user, parsed.data.needsAttentionHours);
    return json<SettingsReply>({ form: "needs-attention", message: "The “needs attention” delay was saved." });
  }
  const parsed = parseForm(siteSettingsSchema, form);
  if (!parsed.ok) return json<SettingsReply>({ form: "site", errors: parsed.errors, values: parsed.values }, { status: 400 });
  updateSiteSettings(context.db, user, parsed.data);
  return json<SettingsReply>({ form: "site", message: "The site settings were saved." });
}

export default function AdminSettings() {
  const { settings, kbReview, followUpDays, needsAttentionHours, accountRules } = useLoaderData<typeof loader>();
  const attention = useActionData<typeof action>();
  const attentionReply = attention?.form === "needs-attention" ? attention : undefined;
  const reply = useActionData<typeof action>();
  const data = reply?.form === "site" ? reply : undefined;
  const kb = reply?.form === "kb" ? reply : undefined;
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, string> = data?.values ?? {};
  const kbErrors: Record<string, string> = kb?.errors ?? {};
  const kbValues: Record<string, string> = kb?.values ?? {};
  const followUp = reply?.form === "follow-up" ? reply : undefined;
  return (
    <div className="stack-lg">
      <section className="card" aria-labelledby="settings-title">
        <h2 id="settings-title">Site settings</h2>
        <FormSuccess message={data?.message} />
        <Form method="post" noValidate className="stack">
          <Field
            label="Brand name"
            name="brandName"
            required
            defaultValue={values.brandName ?? settings.brandName}
            error={errors.brandName}
            hint="Shown in the header, page titles and emails."
          />
          <Field
            label="Tagline"
            name="tagline"
            defaultValue={values.tagline ?? settings.tagline}
            error={errors.tagline}
            hint="One line under the brand on the home page."
          />
          <div className={`field${errors.defaultLanguage ? " field-invalid" : ""}`}>
            <label htmlFor="field-defaultLanguage">Default language</label>
            <p className="field-hint" id="defaultLanguage-hint">
              For visitors whose browser asks for none of the community's languages. Everyone can choose their own in the footer.
            </p>
            <select id="field-defaultLanguage" name="defaultLanguage" defaultValue={values.defaultLanguage ?? settings.defaultLanguage} aria-describedby="defaultLanguage-hint">
              {LANGUAGES.map((language) => (
                <option key={language} value={language}>
                  {LANGUAGE_NAMES[language]}
                </option>
              ))}
            </select>
            <FieldError name="defaultLanguage" error={errors.defaultLanguage} />
          </div>
          <div>
            <button type="submit" className="button button-primary">
              Save settings
            </button>
          </div>
        </Form>
      </section>
      <section className="card" aria-labelledby="kb-rule-title">
        <h2 id="kb-rule-title">Knowledge-base reviews</h2>
        <p className="muted">An article goes to the moderators' review queue when enough readers answer “No” to “Was this helpful?”.</p>
        <FormSuccess message={kb?.message} />
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="kb" />
          <div className="filter-bar">
            <Field
              label="At least this many “No”"
              name="minNo"
              type="number"
              min={1}
              max={1000}
              required
              defaultValue={kbValues.minNo ?? String(kbReview.minNo)}
              error={kbErrors.minNo}
            />
            <Field
              label="And more than this share of answers (%)"
              name="noPercent"
              type="number"
              min={0}
              max={100}
              required
              defaultValue={kbValues.noPercent ?? String(kbReview.noPercent)}
              error={kbErrors.noPercent}
            />
          </div>
          <div>
            <button type="submit" className="button button-primary">
              Save the review rule
            </button>
          </div>
        </Form>
      </section>
      <NumberSetting
        id="follow-up"
        title="Follow-up: “Did this solve your problem?”"
        text="When a question has answers but none is accepted, its asker is asked whether the problem is solved. A “No” puts the thread in the moderators' “still unresolved” queue."
        name="followUpDays"
        label="Days after the first answer"
        max={30}
        value={followUpDays}
        reply={followUp}
        hint="From 1 to 30. Applies to questions answered from now on."
        button="Save the follow-up delay"
      />
      <NumberSetting
        id="needs-attention"
        title="Moderators' dashboard: “needs attention”"
        text="An unanswered question older than this is marked “needs attention” in the moderators' queue."
        name="needsAttentionHours"
        label="Hours without an answer"
        max={720}
        value={needsAttentionHours}
        reply={attentionReply}
        hint="From 1 to 720 (30 days). The default is 24."
        button="Save the “needs attention” delay"
      />
      <SpamRules rules={accountRules} reply={reply?.form === "spam" ? reply : undefined} />
    </div>
  );
}

function SpamRules({ rules, reply }: { rules: AccountRules; reply: FormReply | undefined }) {
  const errors: Record<string, string> = reply?.errors ?? {};
  const values: Record<string, string> = reply?.values ?? {};
  const number = (name: keyof AccountRules) => values[name] ?? String(rules[name]);
  const hold = values.holdForReview ?? rules.holdForReview;
  return (
    <section className="card" aria-labelledby="spam-title">
      <h2 id="spam-title">Spam defences</h2>
      <p className="muted">
        New accounts are where spam comes from. Posts that wait for review are seen only by their author and the moderators (in the review queue)
        until one approves them; nobody is notified of them before.
      </p>
      <FormSuccess message={reply?.message} />
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="intent" value="spam" />
        <fieldset aria-describedby={errors.holdForReview ? "holdForReview-error" : undefined}>
          <legend>Which posts wait for review?</legend>
          {HOLD_FOR_REVIEW_CHOICES.map(([value, label]) => (
            <label key={value} className="radio">
              <input type="radio" name="holdForReview" value={value} defaultChecked={hold === value} /> {label}
            </label>
          ))}
        </fieldset>
        <FieldError name="holdForReview" error={errors.holdForReview} />
        <Field
          label="Links a new account may post in its first day"
          name="newAccountLinkLimit"
          type="number"
          min={0}
          max={100}
          required
          defaultValue={number("newAccountLinkLimit")}
          error={errors.newAccountLinkLimit}
          hint="Links to other sites, all its posts together; 0 allows none. The default is 2."
        />
        <Field
          label="Spam flags that hide a post at once"
          name="spamFlagThreshold"
          type="number"
          min={1}
          max={100}
          required
          defaultValue={number("spamFlagThreshold")}
          error={errors.spamFlagThreshold}
          hint="The post is hidden until a moderator reviews it. Staff's posts are never hidden this way. The default is 3."
        />
        <Field
          label="Reputation a member needs for their spam flag to count"
          name="spamFlagMinReputation"
          type="number"
          min={0}
          max={1000000}
          required
          defaultValue={number("spamFlagMinReputation")}
          error={errors.spamFlagMinReputation}
          hint="Moderators' and admins' flags always count. The default is 15."
        />
        <div>
          <button type="submit" className="button button-primary">
            Save the spam defences
          </button>
        </div>
      </Form>
    </section>
  );
}

/** A setting that is one whole number, with its own form (its intent is its id). */
function NumberSetting(props: {
  id: string;
  title: string;
  text: string;
  name: string;
  label: string;
  max: number;
  value: number;
  reply: FormReply | undefined;
  hint: string;
  button: string;
}) {
  const { id, reply } = props;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{props.title}</h2>
      <p className="muted">{props.text}</p>
      <FormSuccess message={reply?.message} />
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="intent" value={id} />
        <Field
          label={props.label}
          name={props.name}
          type="number"
          min={1}
          max={props.max}
          required
          defaultValue={reply?.values?.[props.name] ?? String(props.value)}
          error={reply?.errors?.[props.name]}
          hint={props.hint}
        />
        <div>
          <button type="submit" className="button button-primary">
            {props.button}
          </button>
        </div>
      </Form>
    </section>
  );
}
