import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
import { SortTabs, ThreadList } from "~/components/thread-list";
import { listQuerySchema } from "~/forms/thread";
import { getTag, listThreads } from "~/models/thread.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Questions tagged ${data.tag} · Community` : "Tag not found" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const tag = getTag(context.db, (params.tag ?? "").toLowerCase());
  if (!tag) throw new Response("No such tag.", { status: 404 });
  const { sort, page } = listQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json({ tag: tag.name, list: listThreads(context.db, { tag: tag.name }, sort, page), sort });
}

export default function TagPage() {
  const { tag, list, sort } = useLoaderData<typeof loader>();
  return (
    <div className="stack-lg">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/">Community</Link> › Tags
        </p>
        <h1>
          Questions tagged <span className="tag tag-large">{tag}</span>
        </h1>
      </header>
      <section aria-label={`Questions tagged ${tag}`}>
        <header className="section-header">
          <p className="muted">
            {list.total} {list.total === 1 ? "question" : "questions"}
          </p>
          <SortTabs current={sort} />
        </header>
        <ThreadList threads={list.threads} empty="No questions with this tag match." />
        <Pagination page={list.page} pageCount={list.pageCount} />
      </section>
    </div>
  );
}
