import { useT } from "~/i18n/i18n";

/**
 * The fields of the form guard (app/utils/form-guard.server.ts): the signed
 * time the form was served, and a field people never see nor reach with the
 * keyboard, which only a bot fills in.
 */
export function FormGuardFields({ stamp }: { stamp: string }) {
  const t = useT();
  return (
    <>
      <input type="hidden" name="formStamp" value={stamp} />
      <div className="visually-hidden" aria-hidden="true">
        <label htmlFor="website">{t("formGuard.leaveEmpty")}</label>
        <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
    </>
  );
}
