import { useEffect, type InputHTMLAttributes, type ReactNode, type RefObject, type TextareaHTMLAttributes } from "react";

/**
 * After a failed submission the server never sends a password back; with
 * JavaScript the browser would keep it in the field, so clear it the same way.
 */
export function useClearPasswords(form: RefObject<HTMLFormElement>, result: unknown) {
  useEffect(() => {
    if (!result || !form.current) return;
    for (const input of form.current.querySelectorAll<HTMLInputElement>('input[type="password"]')) input.value = "";
  }, [form, result]);
}

type Common = {
  label: string;
  name: string;
  error?: string;
  hint?: ReactNode;
};

/** The hint above a control and the error below it, with the ids aria-describedby points at. */
export function FieldHint({ name, hint }: { name: string; hint?: ReactNode }) {
  return hint ? (
    <p className="field-hint" id={`${name}-hint`}>
      {hint}
    </p>
  ) : null;
}

export function FieldError({ name, error }: { name: string; error?: string }) {
  return error ? (
    <p className="field-error" id={`${name}-error`} role="alert">
      {error}
    </p>
  ) : null;
}

export function describedBy(name: string, error?: string, hint?: ReactNode) {
  return [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
}

/** A labelled input with its hint and its error message beside it. */
export function Field({ label, name, error, hint, id, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const inputId = id ?? `field-${name}`;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={inputId}>{label}</label>
      <FieldHint name={name} hint={hint} />
      <input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, error, hint)}
        {...input}
      />
      <FieldError name={name} error={error} />
    </div>
  );
}

export function TextArea({ label, name, error, hint, id, ...input }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const inputId = id ?? `field-${name}`;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={inputId}>{label}</label>
      <FieldHint name={name} hint={hint} />
      <textarea
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, error, hint)}
        {...input}
      />
      <FieldError name={name} error={error} />
    </div>
  );
}

/** A message for the whole form (not tied to one field). */
export function FormAlert({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div className="alert alert-error" role="alert">
      {message}
    </div>
  );
}

export function FormSuccess({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div className="alert alert-success" role="status">
      {message}
    </div>
  );
}
