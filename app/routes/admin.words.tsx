import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Field, FormSuccess } from "~/components/field";
import { OtherLanguageFields } from "~/components/other-language-fields";
import { badgeNamesFrom, badgeNamesSchema, categoryWordsSchema, translationsFrom } from "~/forms/admin";
import { metaT, useT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { LANGUAGE_NAMES, LANGUAGES } from "~/i18n/languages";
import { brandWordsPageFor, updateBadgeNames, updateCategoryWords } from "~/models/site/brand-words.server";
import { assertCan } from "~/policy.server";
import { BADGE_KEYS } from "~/utils/badges";
import { parseForm, readForm, readIntent, type FormReply } from "~/utils/form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches)("brandWords.title") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  return json(brandWordsPageFor(context.db, requireUser(request, context)));
}

type WordsReply = FormReply & { form: "badges" | number };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  // Refused before the form is read, so a forged post learns nothing.
  assertCan(user, "admin.settings");
  const form = await readForm(request);
  const t = serverT(context.language);
  if (readIntent(form, ["category", "badges"], "category") === "badges") {
    const parsed = parseForm(badgeNamesSchema, form, context.language);
    if (!parsed.ok) return json<WordsReply>({ form: "badges", errors: parsed.errors, values: parsed.values }, { status: 400 });
    updateBadgeNames(context.db, user, badgeNamesFrom(parsed.data));
    return json<WordsReply>({ form: "badges", message: t("brandWords.badgesSaved") });
  }
  const parsed = parseForm(categoryWordsSchema, form, context.language);
  const categoryId = Number(form.get("categoryId")) || 0;
  if (!parsed.ok) return json<WordsReply>({ form: categoryId, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { name, description } = parsed.data;
  const saved = updateCategoryWords(context.db, user, parsed.data.categoryId, {
    name,
    description,
    translations: translationsFrom(parsed.data, ["name", "description"]),
  });
  if (!saved) throw new Response("brandWords.noSuchCategory", { status: 404 });
  return json<WordsReply>({ form: categoryId, message: t("brandWords.categorySaved", { name }) });
}

export default function BrandWords() {
  const { categories, otherLanguages, badgeNames } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const badgesReply = reply?.form === "badges" ? reply : undefined;
  const badgeErrors: Record<string, string> = badgesReply?.errors ?? {};
  const badgeValues: Record<string, string> = badgesReply?.values ?? {};
  const names = badgeNames as Partial<Record<string, Partial<Record<string, string>>>>;
  return (
    <div className="stack-lg">
      <p className="muted">{t("brandWords.lede")}</p>
      <h2>{t("brandWords.categoriesTitle")}</h2>
      {categories.map((category) => {
        const mine = reply?.form === category.id ? reply : undefined;
        const errors: Record<string, string> = mine?.errors ?? {};
        const values: Record<string, string> = mine?.values ?? {};
        const translations = (category.translations ?? {}) as Record<string, { name?: string; description?: string } | undefined>;
        return (
          <section key={category.id} className="card" aria-labelledby={`category-${category.id}-title`}>
            <h3 id={`category-${category.id}-title`}>{category.name}</h3>
            <p className="muted">{t("brandWords.address", { slug: category.slug })}</p>
            <FormSuccess message={mine?.message} />
            <Form method="post" noValidate className="stack">
              <input type="hidden" name="intent" value="category" />
              <input type="hidden" name="categoryId" value={category.id} />
              <Field label={t("brandWords.name")} name="name" id={`name-${category.id}`} required defaultValue={values.name ?? category.name} error={errors.name} />
              <Field
                label={t("brandWords.description")}
                name="description"
                id={`description-${category.id}`}
                defaultValue={values.description ?? category.description}
                error={errors.description}
              />
              <OtherLanguageFields
                languages={otherLanguages}
                fields={[
                  { field: "name", label: (language) => t("brandWords.nameIn", { language }) },
                  { field: "description", label: (language) => t("brandWords.descriptionIn", { language }) },
                ]}
                saved={translations}
                values={values}
                errors={errors}
                idSuffix={category.id}
              />
              <div>
                <button type="submit" className="button button-primary">
                  {t("brandWords.saveCategory")}
                </button>
              </div>
            </Form>
          </section>
        );
      })}
      <section className="card" aria-labelledby="badges-title">
        <h2 id="badges-title">{t("brandWords.badgesTitle")}</h2>
        <p className="muted">{t("brandWords.badgesText")}</p>
        <FormSuccess message={badgesReply?.message} />
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="badges" />
          {BADGE_KEYS.map((key) => (
            <fieldset key={key} className="stack">
              <legend>{t(`badgeWords.${key}.name`)}</legend>
              {LANGUAGES.map((language) => {
                const name = `badge_${key}_${language}`;
                return (
                  <Field
                    key={language}
                    label={t("brandWords.nameIn", { language: LANGUAGE_NAMES[language] })}
                    name={name}
                    lang={language}
                    defaultValue={badgeValues[name] ?? names[language]?.[key] ?? ""}
                    error={badgeErrors[name]}
                  />
                );
              })}
            </fieldset>
          ))}
          <div>
            <button type="submit" className="button button-primary">
              {t("brandWords.saveBadges")}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}
