import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listCategories } from "~/models/category.server";
import { useSite } from "~/root";

export async function loader({ context }: LoaderFunctionArgs) {
  return json({ categories: listCategories(context.db) });
}

export default function Home() {
  const { categories } = useLoaderData<typeof loader>();
  const site = useSite();
  return (
    <div className="stack-lg">
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{site.brandName} Community</h1>
        <p className="lede">{site.tagline}</p>
        <form action="/search" method="get" className="hero-search" role="search">
          <label htmlFor="hero-q" className="visually-hidden">
            Search for an answer
          </label>
          <input id="hero-q" type="search" name="q" placeholder="Describe your problem, e.g. “my bill is wrong”" />
          <button type="submit" className="button button-primary">
            Find answers
          </button>
        </form>
      </section>

      <section aria-labelledby="categories-title">
        <h2 id="categories-title">Browse by topic</h2>
        {categories.length === 0 ? (
          <p className="empty">No categories yet.</p>
        ) : (
          <ul className="category-grid">
            {categories.map((category) => (
              <li key={category.id} className="category-card">
                <h3>
                  <Link to={`/c/${category.slug}`}>{category.name}</Link>
                </h3>
                <p>{category.description}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
