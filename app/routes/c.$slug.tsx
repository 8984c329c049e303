import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ThreadListSection } from "~/components/thread-list";
import { WatchButton } from "~/components/watch-button";
import { listQuerySchema } from "~/forms/thread";
import { categoryPageFor } from "~/models/forum/category-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.category.name} · Community` : "Category not found" },
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
