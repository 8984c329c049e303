import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Field, FieldError, FormSuccess } from "~/components/field";
import { OtherLanguageFields } from "~/components/other-language-fields";
import type { AccountRules } from "~/utils/account-rules";
import { metaT, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { LANGUAGE_NAMES, LANGUAGES } from "~/i18n/languages";
import { followUpSettingsSchema, HOLD_FOR_REVIEW_CHOICES, kbReviewRuleSchema, needsAttentionSchema, siteSettingsSchema, spamRulesSchema, translationsFrom } from "~/forms/admin";
import { updateAccountRules } from "~/models/accounts/account-rules.server";
import { settingsPageFor } from "~/models/site/settings-page.server";
import { updateFollowUpDays, updateKbReviewRule, updateNeedsAttentionHours, updateSiteSettings } from "~/models/site/settings.server";
import { assertCan } from "~/policy.server";
import { parseForm, readForm, readIntent, type FormReply } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("admin.settings.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return json(settingsPageFor(context.db, requireUser(request, context)));
}

type SettingsReply = FormReply & { form: "site" | "kb" | "follow-up" | "needs-attention" | "spam" };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Refuse non-admins before reading their form, so a forged post learns nothing.
  assertCan(user, "admin.settings");
  const form = await readForm(request);
  const t = serverT(context.language);
  // The site form names no intent; the others name theirs.
  const intent = readIntent(form, ["site", "kb", "follow-up", "needs-attention", "spam"], "site");
  if (intent === "spam") {
    const parsed = parseForm(spamRulesSchema, form, context.language);
    if (!parsed.ok) return json<SettingsReply>({ form: "spam", errors: parsed.errors, values: parsed.values }, { status: 400 });
    updateAccountRules(context.db, user, parsed.data);
    return json<SettingsReply>({ form: "spam", message: t("admin.settings.savedSpam") });
  }
  if (intent === "kb") {
    const parsed = parseForm(kbReviewRuleSchema, form, context.language);
    if (!parsed.ok) return json<SettingsReply>({ form: "kb", errors: parsed.errors, values: parsed.values }, { status: 400 });
    updateKbReviewRule(context.db, user, parsed.data);
    return json<SettingsReply>({ form: "kb", message: t("admin.settings.savedKb") });
  }
  if (intent === "follow-up") {
    const parsed = parseForm(followUpSettingsSchema, form, context.language);
    if (!parsed.ok) return json<SettingsReply>({ form: "follow-up", errors: parsed.errors, values: parsed.values }, { status: 400 });
    updateFollowUpDays(context.db, user, parsed.data.followUpDays);
    return json<SettingsReply>({ form: "follow-up", message: t("admin.settings.savedFollowUp") });
  }
  if (intent === "needs-attention") {
    const parsed = parseForm(needsAttentionSchema, form, context.language);
    if (!parsed.ok) return json<SettingsReply>({ form: "needs-attention", errors: parsed.errors, values: parsed.values }, { status: 400 });
    updateNeedsAttentionHours(context.db, user, parsed.data.needsAttentionHours);
    return json<SettingsReply>({ form: "needs-attention", message: t("admin.settings.savedNeedsAttention") });
  }
  const parsed = parseForm(siteSettingsSchema, form, context.language);
  if (!parsed.ok) return json<SettingsReply>({ form: "site", errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { brandName, tagline, defaultLanguage } = parsed.data;
  updateSiteSettings(context.db, user, {
    brandName,
    tagline,
    ...(defaultLanguage ? { defaultLanguage } : {}),
    translations: translationsFrom(parsed.data, ["brandName", "tagline"]),
  });
  return json<SettingsReply>({ form: "site", message: t("admin.settings.savedSite") });
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
  const t = useT();
  return (
    <div className="stack-lg">
      <section className="card" aria-labelledby="settings-title">
        <h2 id="settings-title">{t("admin.settings.siteTitle")}</h2>
        <FormSuccess message={data?.message} />
        <Form method="post" noValidate className="stack">
          <Field
            label={t("admin.settings.brandName")}
            name="brandName"
            required
            defaultValue={values.brandName ?? settings.brandName}
            error={errors.brandName}
            hint={t("admin.settings.brandNameHint")}
          />
          <Field
            label={t("admin.settings.tagline")}
            name="tagline"
            defaultValue={values.tagline ?? settings.tagline}
            error={errors.tagline}
            hint={t("admin.settings.taglineHint")}
          />
          <OtherLanguageFields
            languages={LANGUAGES.filter((other) => other !== settings.defaultLanguage)}
            fields={[
              { field: "brandName", label: () => t("admin.settings.brandName") },
              { field: "tagline", label: () => t("admin.settings.tagline") },
            ]}
            saved={settings.translations}
            values={values}
            errors={errors}
          />
          <div className={`field${errors.defaultLanguage ? " field-invalid" : ""}`}>
            <label htmlFor="field-defaultLanguage">{t("admin.settings.defaultLanguage")}</label>
            <p className="field-hint" id="defaultLanguage-hint">
              {t("admin.settings.defaultLanguageHint")}
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
              {t("admin.settings.saveSite")}
            </button>
          </div>
        </Form>
      </section>
      <section className="card" aria-labelledby="kb-rule-title">
        <h2 id="kb-rule-title">{t("admin.settings.kbTitle")}</h2>
        <p className="muted">{t("admin.settings.kbText")}</p>
        <FormSuccess message={kb?.message} />
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="kb" />
          <div className="filter-bar">
            <Field
              label={t("admin.settings.minNo")}
              name="minNo"
              type="number"
              min={1}
              max={1000}
              required
              defaultValue={kbValues.minNo ?? String(kbReview.minNo)}
              error={kbErrors.minNo}
            />
            <Field
              label={t("admin.settings.noPercent")}
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
              {t("admin.settings.saveKb")}
            </button>
          </div>
        </Form>
      </section>
      <NumberSetting
        id="follow-up"
        title={t("admin.settings.followUpTitle")}
        text={t("admin.settings.followUpText")}
        name="followUpDays"
        label={t("admin.settings.followUpDays")}
        max={30}
        value={followUpDays}
        reply={followUp}
        hint={t("admin.settings.followUpHint")}
        button={t("admin.settings.saveFollowUp")}
      />
      <NumberSetting
        id="needs-attention"
        title={t("admin.settings.attentionTitle")}
        text={t("admin.settings.attentionText")}
        name="needsAttentionHours"
        label={t("admin.settings.attentionHours")}
        max={720}
        value={needsAttentionHours}
        reply={attentionReply}
        hint={t("admin.settings.attentionHint")}
        button={t("admin.settings.saveAttention")}
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
  const t = useT();
  return (
    <section className="card" aria-labelledby="spam-title">
      <h2 id="spam-title">{t("admin.settings.spamTitle")}</h2>
      <p className="muted">{t("admin.settings.spamText")}</p>
      <FormSuccess message={reply?.message} />
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="intent" value="spam" />
        <fieldset aria-describedby={errors.holdForReview ? "holdForReview-error" : undefined}>
          <legend>{t("admin.settings.holdLegend")}</legend>
          {HOLD_FOR_REVIEW_CHOICES.map((value) => (
            <label key={value} className="radio">
              <input type="radio" name="holdForReview" value={value} defaultChecked={hold === value} /> {t(`admin.settings.hold.${value}`)}
            </label>
          ))}
        </fieldset>
        <FieldError name="holdForReview" error={errors.holdForReview} />
        <Field
          label={t("admin.settings.linkLimit")}
          name="newAccountLinkLimit"
          type="number"
          min={0}
          max={100}
          required
          defaultValue={number("newAccountLinkLimit")}
          error={errors.newAccountLinkLimit}
          hint={t("admin.settings.linkLimitHint")}
        />
        <Field
          label={t("admin.settings.flagThreshold")}
          name="spamFlagThreshold"
          type="number"
          min={1}
          max={100}
          required
          defaultValue={number("spamFlagThreshold")}
          error={errors.spamFlagThreshold}
          hint={t("admin.settings.flagThresholdHint")}
        />
        <Field
          label={t("admin.settings.flagReputation")}
          name="spamFlagMinReputation"
          type="number"
          min={0}
          max={1000000}
          required
          defaultValue={number("spamFlagMinReputation")}
          error={errors.spamFlagMinReputation}
          hint={t("admin.settings.flagReputationHint")}
        />
        <div>
          <button type="submit" className="button button-primary">
            {t("admin.settings.saveSpam")}
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
