import { TextField } from "~/components/ui";
import { PHONE_MAX } from "~/domain/sms/phone";
import { useT } from "~/i18n/react";
import type { FieldErrors } from "~/lib/form-types";

/**
 * A person's name, email and phone, as a request to join (their own) and a referral (a
 * colleague's) ask for them. `own` lets the browser fill in the person's own details; for a
 * colleague it must not.
 */
export function ContactFields({
  values,
  errors,
  own = false,
}: {
  values: Record<string, string | undefined>;
  errors: FieldErrors;
  own?: boolean;
}) {
  const t = useT();
  const fill = (token: string) => (own ? { autoComplete: token } : {});
  return (
    <>
      <TextField
        label={t("enrol.join.name")}
        name="name"
        maxLength={120}
        defaultValue={values.name}
        errors={errors}
        required
        {...fill("name")}
      />
      <TextField
        label={t("enrol.join.email")}
        name="email"
        type="email"
        maxLength={254}
        defaultValue={values.email}
        errors={errors}
        hint={t("enrol.join.contact_hint")}
        {...fill("email")}
      />
      <TextField
        label={t("enrol.join.phone")}
        name="phone"
        type="tel"
        inputMode="tel"
        maxLength={PHONE_MAX}
        defaultValue={values.phone}
        errors={errors}
        hint={t("sms.code.phone_hint")}
        {...fill("tel")}
      />
    </>
  );
}
