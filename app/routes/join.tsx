import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { requireVisitor } from "~/auth/current-user.server";
import { completeSignIn } from "~/auth/sign-in.server";
import { useRef } from "react";
import { Field, useClearPasswords } from "~/components/field";
import { joinSchema, PASSWORD_MAX, PASSWORD_MIN, USERNAME_MAX, USERNAME_MIN } from "~/forms/account";
import { registerUser } from "~/models/accounts/user.server";
import { parseForm, readForm } from "~/utils/form.server";

export const meta: MetaFunction = () => [{ title: "Join the community" }];

export async function loader({ context }: LoaderFunctionArgs) {
  requireVisitor(context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireVisitor(context);
  const form = await readForm(request);
  const parsed = parseForm(joinSchema, form);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await registerUser(context.db, parsed.data);
  if (!result.ok) {
    return json({ errors: result.errors, values: { username: parsed.data.username, email: parsed.data.email } }, { status: 400 });
  }
  return completeSignIn(context, result.user, { method: "password", redirectTo: form.get("redirectTo") });
}

export default function Join() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = data?.errors ?? {};
  const values: Record<string, string> = data?.values ?? {};
  const redirectTo = params.get("redirectTo") ?? "";
  const formRef = useRef<HTMLFormElement>(null);
  useClearPasswords(formRef, data);
  return (
    <section className="page-narrow card auth-card" aria-labelledby="join-title">
      <h1 id="join-title">Join the community</h1>
      <p className="lede">Ask questions, share what you know, and help other customers.</p>
      <Form method="post" noValidate className="stack" ref={formRef}>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          required
          defaultValue={values.username}
          error={errors.username}
          hint={`${USERNAME_MIN}–${USERNAME_MAX} letters, digits, - or _. Shown on your posts.`}
        />
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={values.email}
          error={errors.email}
          hint="Never shown to other members."
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          error={errors.password}
          hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters. A short sentence is easy to remember and hard to guess.`}
        />
        <button type="submit" className="button button-primary button-wide" disabled={busy}>
          {busy ? "Creating your account…" : "Create your account"}
        </button>
      </Form>
      <p className="auth-switch">
        Already a member? <Link to={redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : "/login"}>Sign in</Link>
      </p>
    </section>
  );
}
