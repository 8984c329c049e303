import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { describedBy, Field, FieldError, FieldHint, FormAlert, FormSuccess } from "~/components/field";
import { metaT, useLanguage, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { earlyAccessRankFrom, POINT_FIELDS, PRIVILEGE_FIELDS, RANK_COUNT, rewardRulesSchema } from "~/forms/admin";
import { getRewardRules, updateRewardRules, type RewardRules } from "~/models/reputation/reward-rules.server";
import { assertCan } from "~/policy.server";
import { getSiteSettings } from "~/models/site/settings.server";
import { LANGUAGE_NAMES, LANGUAGES } from "~/i18n/languages";
import { formValues, parseForm, readForm, type FormReply } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("admin.rewards.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  assertCan(requireUser(request, context), "admin.settings");
  // Names in the other languages than the site's default one (blank: the default name is shown).
  const defaultLanguage = getSiteSettings(context.db).defaultLanguage;
  return json({ rules: getRewardRules(context.db), otherLanguages: LANGUAGES.filter((language) => language !== defaultLanguage) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  assertCan(user, "admin.settings");
  const form = await readForm(request);
  const parsed = parseForm(rewardRulesSchema, form, context.language);
  if (!parsed.ok) return json<FormReply>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const data = parsed.data as Record<string, number | string>;
  const ranks = Array.from({ length: RANK_COUNT }, (_, i) => {
    const names = Object.fromEntries(LANGUAGES.map((language) => [language, data[`rankName${i}_${language}`] as string]).filter(([, name]) => name));
    return { name: data[`rankName${i}`] as string, min: data[`rankMin${i}`] as number, ...(Object.keys(names).length ? { names } : {}) };
  });
  const earlyAccessRank = earlyAccessRankFrom(data.earlyAccessRank as string | undefined, getRewardRules(context.db), ranks);
  if (!earlyAccessRank) {
    const values = formValues(form);
    return json<FormReply>({ errors: { earlyAccessRank: serverT(context.language)("admin.rewards.chooseRank") }, values }, { status: 400 });
  }
  const rules: RewardRules = {
    points: Object.fromEntries(POINT_FIELDS.map((key) => [key, data[key] as number])) as RewardRules["points"],
    dailyVoteCap: data.dailyVoteCap as number,
    ranks,
    privileges: Object.fromEntries(PRIVILEGE_FIELDS.map((key) => [key, data[`privilege_${key}`] as number])) as RewardRules["privileges"],
    earlyAccessRank,
  };
  updateRewardRules(context.db, user, rules);
  return json<FormReply>({ message: serverT(context.language)("admin.rewards.saved") });
}

export default function RewardRulesPage() {
  const { rules, otherLanguages } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = reply?.errors ?? {};
  const values: Record<string, string> = reply?.values ?? {};
  const value = (key: string, saved: number | string) => values[key] ?? String(saved);
  const t = useT();
  const language = useLanguage();
  const earlyAccessHint = t("admin.rewards.earlyAccessHint");
  return (
    <Form method="post" noValidate className="stack-lg">
      <FormSuccess message={reply?.message} />
      <FormAlert message={Object.keys(errors).length ? t("admin.rewards.needsLook") : undefined} />
      <section className="card stack" aria-labelledby="points-title">
        <h2 id="points-title">{t("admin.rewards.pointsTitle")}</h2>
        <p className="muted">{t("admin.rewards.pointsText")}</p>
        <div className="rules-grid">
          {POINT_FIELDS.map((key) => (
            <Field key={key} label={t(`admin.rewards.points.${key}`)} name={key} type="number" required defaultValue={value(key, rules.points[key])} error={errors[key]} />
          ))}
          <Field
            label={t("admin.rewards.dailyVoteCap")}
            name="dailyVoteCap"
            type="number"
            required
            defaultValue={value("dailyVoteCap", rules.dailyVoteCap)}
            error={errors.dailyVoteCap}
            hint={t("admin.rewards.dailyVoteCapHint")}
          />
        </div>
      </section>
      <section className="card stack" aria-labelledby="privileges-title">
        <h2 id="privileges-title">{t("admin.rewards.privilegesTitle")}</h2>
        <p className="muted">{t("admin.rewards.privilegesText")}</p>
        <div className="rules-grid">
          {PRIVILEGE_FIELDS.map((key) => (
            <Field
              key={key}
              label={t(`admin.rewards.privileges.${key}`)}
              name={`privilege_${key}`}
              type="number"
              required
              defaultValue={value(`privilege_${key}`, rules.privileges[key])}
              error={errors[`privilege_${key}`]}
            />
          ))}
        </div>
      </section>
      <section className="card stack" aria-labelledby="ranks-title">
        <h2 id="ranks-title">{t("admin.rewards.ranksTitle")}</h2>
        <p className="muted">{t("admin.rewards.ranksText")}</p>
        <div className="rules-grid">
          {Array.from({ length: RANK_COUNT }, (_, i) => (
            <fieldset key={i} className="rank-fieldset">
              <legend>{t("admin.rewards.rank", { n: i + 1 })}</legend>
              <Field label={t("admin.rewards.rankName")} name={`rankName${i}`} required defaultValue={value(`rankName${i}`, rules.ranks[i]?.name ?? "")} error={errors[`rankName${i}`]} />
              <Field
                label={t("admin.rewards.rankMin")}
                name={`rankMin${i}`}
                type="number"
                required
                defaultValue={value(`rankMin${i}`, rules.ranks[i]?.min ?? "")}
                error={errors[`rankMin${i}`]}
              />
              {otherLanguages.map((other) => (
                <Field
                  key={other}
                  label={t("brandWords.nameIn", { language: LANGUAGE_NAMES[other] })}
                  name={`rankName${i}_${other}`}
                  lang={other}
                  defaultValue={value(`rankName${i}_${other}`, rules.ranks[i]?.names?.[other] ?? "")}
                  error={errors[`rankName${i}_${other}`]}
                  hint={t("brandWords.blankFallsBack")}
                />
              ))}
            </fieldset>
          ))}
        </div>
      </section>
      <section className="card stack" aria-labelledby="early-access-title">
        <h2 id="early-access-title">{t("admin.rewards.earlyAccessTitle")}</h2>
        <div className={`field${errors.earlyAccessRank ? " field-invalid" : ""}`}>
          <label htmlFor="field-earlyAccessRank">{t("admin.rewards.earlyAccessRank")}</label>
          <FieldHint name="earlyAccessRank" hint={earlyAccessHint} />
          <select
            id="field-earlyAccessRank"
            name="earlyAccessRank"
            defaultValue={value("earlyAccessRank", rules.earlyAccessRank)}
            aria-invalid={errors.earlyAccessRank ? true : undefined}
            aria-describedby={describedBy("earlyAccessRank", errors.earlyAccessRank, earlyAccessHint)}
          >
            {rules.ranks.map((rank) => (
              <option key={rank.name} value={rank.name}>
                {t("admin.rewards.rankOption", { name: rank.name, min: rank.min.toLocaleString(language) })}
              </option>
            ))}
          </select>
          <FieldError name="earlyAccessRank" error={errors.earlyAccessRank} />
        </div>
      </section>
      <div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {t("admin.rewards.save")}
        </button>
      </div>
    </Form>
  );
}
