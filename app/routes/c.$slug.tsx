import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ThreadListSection } from "~/components/thread-list";
import { WatchButton } from "~/components/watch-button";
import { listQuerySchema } from "~/forms/thread";
import { getCategoryBySlug } from "~/models/forum/category.server";
import { listThreads } from "~/models/forum/thread.server";
import { watchLevel } from "~/models/notify/watch.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.category.name} · Community` : "Category not found" },
  { name: "description", content: data?.category.description ?? "" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const category = getCategoryBySlug(context.db, params.slug ?? "");
  if (!category) throw new Response("No such category.", { status: 404 });
  const { sort, page } = listQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json({
    category,
    list: listThreads(context.db, { categoryId: category.id, pins: "category" }, sort, page),
    sort,
    signedIn: !!context.user,
    watchLevel: watchLevel(context.db, context.user, "category", category.id),
  });
}

export default function CategoryPage() {
  const { category, list, sort, signedIn, watchLevel } = useLoaderData<typeof loader>();
  return (
    <div className="stack-lg">
      <header className="page-header page-header-row">
        <div>
          <p className="breadcrumbs">
            <Link to="/">Community</Link> › {category.name}
          </p>
          <h1>{category.name}</h1>
          <p className="lede">{category.description}</p>
          <WatchButton targetType="category" targetId={category.id} level={watchLevel} signedIn={signedIn} what={category.name} />
        </div>
        <Link to={`/ask?category=${category.slug}`} className="button button-primary">
          Ask in {category.name}
        </Link>
      </header>
      <ThreadListSection
        label={`Questions in ${category.name}`}
        list={list}
        sort={sort}
        showCategory={false}
        empty={`No questions in ${category.name} match. Be the first to ask.`}
      />
    </div>
  );
}
