import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ThreadListSection } from "~/components/thread-list";
import { WatchButton } from "~/components/watch-button";
import { listQuerySchema } from "~/forms/thread";
import { metaT, useT } from "~/i18n/i18n";
import { categoryPageFor } from "~/models/forum/category-page.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? metaT(matches)("categoryPage.title", { name: data.category.name }) : metaT(matches)("categoryPage.notFound") },
  { name: "description", content: data?.category.description ?? "" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { sort, page } = listQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const data = categoryPageFor(context.db, context.user, params.slug ?? "", sort, page);
  if (!data) throw new Response("No such category.", { status: 404 });
  return json(data);
}

export default function CategoryPage() {
  const { category, list, sort, signedIn, watchLevel } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="stack-lg">
      <header className="page-header page-header-row">
        <div>
          <p className="breadcrumbs">
            <Link to="/">{t("pages.community")}</Link> › {category.name}
          </p>
          <h1>{category.name}</h1>
          <p className="lede">{category.description}</p>
          <WatchButton targetType="category" targetId={category.id} level={watchLevel} signedIn={signedIn} what={category.name} />
        </div>
        <Link to={`/ask?category=${category.slug}`} className="button button-primary">
          {t("categoryPage.askIn", { name: category.name })}
        </Link>
      </header>
      <ThreadListSection
        label={t("categoryPage.listLabel", { name: category.name })}
        list={list}
        sort={sort}
        showCategory={false}
        empty={t("categoryPage.empty", { name: category.name })}
      />
    </div>
  );
}
