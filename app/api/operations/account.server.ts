// Who the token is, and the site's categories.
import { listCategoriesWithCounts } from "../../models/forum/category.server";
import { localCategory } from "../../utils/brand-words";
import { categorySchema, meSchema } from "../schemas";
import { defineOperation } from "../operation.server";
import { z } from "../zod";

export const accountOperations = [
  defineOperation({
    method: "get",
    path: "/me",
    operationId: "getMe",
    summary: "The token's owner and the token's scopes",
    tags: ["Account"],
    scope: "read",
    tokenRequired: true,
    success: { description: "The token's owner.", schema: meSchema },
    handler: ({ caller }) => {
      const user = caller.user!;
      return {
        body: {
          id: user.id,
          username: user.username,
          displayName: user.displayName,
          role: user.role,
          reputation: user.reputation,
          bot: caller.token!.kind === "bot",
          language: caller.language,
          token: { kind: caller.token!.kind, scopes: caller.token!.scopes },
        },
      };
    },
  }),
  defineOperation({
    method: "get",
    path: "/categories",
    operationId: "listCategories",
    summary: "The categories, in the site's order, with how many questions each holds",
    tags: ["Forum"],
    scope: "read",
    success: { description: "Every category.", schema: z.object({ items: z.array(categorySchema) }).openapi("CategoryList") },
    handler: ({ db, caller }) => ({
      body: {
        items: listCategoriesWithCounts(db).map((category) => {
          const local = localCategory(category, caller.language);
          return { id: category.id, slug: category.slug, name: local.name, description: local.description ?? "", threadCount: category.threadCount, url: `${caller.origin}/c/${category.slug}` };
        }),
      },
    }),
  }),
];
