import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { describedBy, Field, FieldError, FieldHint, FormAlert, FormSuccess } from "~/components/field";
import { earlyAccessRankFrom, POINT_FIELDS, PRIVILEGE_FIELDS, RANK_COUNT, rewardRulesSchema } from "~/forms/admin";
import { getRewardRules, updateRewardRules, type RewardRules } from "~/models/reputation/reward-rules.server";
import { assertCan } from "~/policy.server";
import { formValues, parseForm, readForm, type FormReply } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "Reward rules · Administration" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  assertCan(requireUser(request, context), "admin.settings");
  return json({ rules: getRewardRules(context.db) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  assertCan(user, "admin.settings");
  const form = await readForm(request);
  const parsed = parseForm(rewardRulesSchema, form);
  if (!parsed.ok) return json<FormReply>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const data = parsed.data as Record<string, number | string>;
  const ranks = Array.from({ length: RANK_COUNT }, (_, i) => ({ name: data[`rankName${i}`] as string, min: data[`rankMin${i}`] as number }));
  const earlyAccessRank = earlyAccessRankFrom(data.earlyAccessRank as string | undefined, getRewardRules(context.db), ranks);
  if (!earlyAccessRank) {
    const values = formValues(form);
    return json<FormReply>({ errors: { earlyAccessRank: "Choose one of the ranks." }, values }, { status: 400 });
  }
  const rules: RewardRules = {
    points: Object.fromEntries(POINT_FIELDS.map(([key]) => [key, data[key] as number])) as RewardRules["points"],
    dailyVoteCap: data.dailyVoteCap as number,
    ranks,
    privileges: Object.fromEntries(PRIVILEGE_FIELDS.map(([key]) => [key, data[`privilege_${key}`] as number])) as RewardRules["privileges"],
    earlyAccessRank,
  };
  updateRewardRules(context.db, user, rules);
  return json<FormReply>({ message: "The reward rules were saved. New actions follow them; points already given stay as they were." });
}

const EARLY_ACCESS_HINT = "Members from this rank read the early-access announcements; moderators can also grant access to anyone.";

export default function RewardRulesPage() {
  const { rules } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = reply?.errors ?? {};
  const values: Record<string, string> = reply?.values ?? {};
  const value = (key: string, saved: number | string) => values[key] ?? String(saved);
  return (
    <Form method="post" noValidate className="stack-lg">
      <FormSuccess message={reply?.message} />
      <FormAlert message={Object.keys(errors).length ? "Some values need a look: see the messages beside them." : undefined} />
      <section className="card stack" aria-labelledby="points-title">
        <h2 id="points-title">Reputation for each action</h2>
        <p className="muted">Negative numbers take points away. No member's total goes below 1.</p>
        <div className="rules-grid">
          {POINT_FIELDS.map(([key, label]) => (
            <Field key={key} label={label} name={key} type="number" required defaultValue={value(key, rules.points[key])} error={errors[key]} />
          ))}
          <Field
            label="Most points a day from upvotes"
            name="dailyVoteCap"
            type="number"
            required
            defaultValue={value("dailyVoteCap", rules.dailyVoteCap)}
            error={errors.dailyVoteCap}
            hint="Acceptances, promotions and thanks are not capped."
          />
        </div>
      </section>
      <section className="card stack" aria-labelledby="privileges-title">
        <h2 id="privileges-title">Privileges</h2>
        <p className="muted">The reputation a member needs for each. Moderators and admins need none; anyone may comment on their own posts and in their own threads.</p>
        <div className="rules-grid">
          {PRIVILEGE_FIELDS.map(([key, label]) => (
            <Field
              key={key}
              label={label}
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
        <h2 id="ranks-title">Ranks</h2>
        <p className="muted">Shown beside members' names and on their profiles. The first rank starts at 1.</p>
        <div className="rules-grid">
          {Array.from({ length: RANK_COUNT }, (_, i) => (
            <fieldset key={i} className="rank-fieldset">
              <legend>Rank {i + 1}</legend>
              <Field label="Name" name={`rankName${i}`} required defaultValue={value(`rankName${i}`, rules.ranks[i]?.name ?? "")} error={errors[`rankName${i}`]} />
              <Field
                label="From reputation"
                name={`rankMin${i}`}
                type="number"
                required
                defaultValue={value(`rankMin${i}`, rules.ranks[i]?.min ?? "")}
                error={errors[`rankMin${i}`]}
              />
            </fieldset>
          ))}
        </div>
      </section>
      <section className="card stack" aria-labelledby="early-access-title">
        <h2 id="early-access-title">Early access</h2>
        <div className={`field${errors.earlyAccessRank ? " field-invalid" : ""}`}>
          <label htmlFor="field-earlyAccessRank">Early access opens at the rank</label>
          <FieldHint name="earlyAccessRank" hint={EARLY_ACCESS_HINT} />
          <select
            id="field-earlyAccessRank"
            name="earlyAccessRank"
            defaultValue={value("earlyAccessRank", rules.earlyAccessRank)}
            aria-invalid={errors.earlyAccessRank ? true : undefined}
            aria-describedby={describedBy("earlyAccessRank", errors.earlyAccessRank, EARLY_ACCESS_HINT)}
          >
            {rules.ranks.map((rank) => (
              <option key={rank.name} value={rank.name}>
                {rank.name} (from {rank.min.toLocaleString("en")} reputation)
              </option>
            ))}
          </select>
          <FieldError name="earlyAccessRank" error={errors.earlyAccessRank} />
        </div>
      </section>
      <div>
        <button type="submit" className="button button-primary" disabled={busy}>
          Save the reward rules
        </button>
      </div>
    </Form>
  );
}
