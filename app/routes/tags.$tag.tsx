import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ThreadListSection } from "~/components/thread-list";
import { WatchButton } from "~/components/watch-button";
import { listQuerySchema } from "~/forms/thread";
import { tagPageFor } from "~/models/forum/tag-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Questions tagged ${data.tag} · Community` : "Tag not found" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { sort, page } = listQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const data = tagPageFor(context.db, context.user, (params.tag ?? "").toLowerCase(), sort, page);
  if (!data) throw new Response("No such tag.", { status: 404 });
  return json(data);
}

export default function TagPage() {
  const { tag, tagId, list, sort, signedIn, watchLevel } = useLoaderData<typeof loader>();
  return (
    <div className="stack-lg">
      <header className="page-header">
        <p className="breadcrumbs">
          <Link to="/">Community</Link> › Tags
        </p>
        <h1>
          Questions tagged <span className="tag tag-large">{tag}</span>
        </h1>
        <WatchButton targetType="tag" targetId={tagId} level={watchLevel} signedIn={signedIn} what={`the ${tag} tag`} />
      </header>
      <ThreadListSection label={`Questions tagged ${tag}`} list={list} sort={sort} empty="No questions with this tag match." />
    </div>
  );
}
