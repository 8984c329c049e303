import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getCategoryBySlug } from "~/models/category.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.category.name} · Community` : "Category not found" },
  { name: "description", content: data?.category.description ?? "" },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const category = getCategoryBySlug(context.db, params.slug ?? "");
  if (!category) throw new Response("No such category.", { status: 404 });
  return json({ category });
}

export default function CategoryPage() {
  const { category } = useLoaderData<typeof loader>();
  return (
    <div className="stack-lg">
      <header className="page-header page-header-row">
        <div>
          <p className="breadcrumbs">
            <Link to="/">Community</Link> › {category.name}
          </p>
          <h1>{category.name}</h1>
          <p className="lede">{category.description}</p>
        </div>
        <Link to={`/ask?category=${category.slug}`} className="button button-primary">
          Ask in {category.name}
        </Link>
      </header>
      <p className="empty">No questions in {category.name} yet. Be the first to ask.</p>
    </div>
  );
}
