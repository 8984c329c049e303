// The parts of the admins' webhook pages (/admin/webhooks): a webhook's
// state badge and its form's fields (address, description, events), each
// field's message beside it and what was typed kept.
import { Field, FieldError, FieldHint, describedBy } from "~/components/field";
import { useT } from "~/i18n/i18n";
import { isStaffEvent, SUBSCRIBABLE_EVENTS, WEBHOOK_DESCRIPTION_MAX } from "~/forms/webhooks";

export type WebhookFormValues = { url: string; description: string; events: string[] };

/** On, paused or disabled, or set by the environment. */
export function WebhookStateBadge({ source, disabled }: { source: string; disabled: boolean }) {
  const t = useT();
  return (
    <span className="badge">
      {disabled ? t("webhooks.badge.off") : t("webhooks.badge.on")}
      {source === "env" ? ` · ${t("webhooks.badge.env")}` : ""}
    </span>
  );
}

/** The address, the description and the events, with each field's message beside it and what was typed kept. */
export function WebhookFields({ values, errors, saved }: { values?: WebhookFormValues; errors?: Record<string, string>; saved?: WebhookFormValues }) {
  const t = useT();
  const shown = values ?? saved;
  const checked = new Set(shown?.events ?? []);
  const eventsError = errors?.events;
  return (
    <>
      <Field label={t("webhooks.url")} name="url" type="url" required defaultValue={shown?.url} error={errors?.url} hint={t("webhooks.urlHint")} />
      <Field
        label={t("webhooks.description")}
        name="description"
        maxLength={WEBHOOK_DESCRIPTION_MAX}
        defaultValue={shown?.description}
        error={errors?.description}
        hint={t("webhooks.descriptionHint", { max: WEBHOOK_DESCRIPTION_MAX })}
      />
      <fieldset className={`field${eventsError ? " field-invalid" : ""}`} aria-describedby={describedBy("events", eventsError, "hint")}>
        <legend>{t("webhooks.eventsLegend")}</legend>
        <FieldHint name="events" hint={t("webhooks.eventsHint")} />
        {SUBSCRIBABLE_EVENTS.map((event) => (
          <label key={event} className="radio">
            <input type="checkbox" name="events" value={event} defaultChecked={checked.has(event)} />
            {t(`webhooks.events.${event}`)} <code>{event}</code>
            {isStaffEvent(event) ? <span className="muted"> · {t("webhooks.staffView")}</span> : null}
          </label>
        ))}
        <FieldError name="events" error={eventsError} />
      </fieldset>
    </>
  );
}
