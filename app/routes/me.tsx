import { Form, useActionData, useLoaderData, useLocation } from "react-router";
import { Link } from "~/components/link";
import { z } from "zod";
import { getDb } from "@db/client";
import { LOCALE_NAMES, LOCALES } from "@db/schema/enums";
import { changePassword } from "~/domain/auth/passwords.server";
import { emailSettingsSchema } from "~/domain/communication/forms";
import { getEmailSettings, saveEmailSettings } from "~/domain/communication/settings.server";
import { EMAIL_MODES, type EmailMode } from "@db/schema/communication";
import { EMAIL_TOPICS, type EmailTopic } from "~/domain/notifications/topics";
import { setSmsTopics, smsTopicsOf } from "~/domain/sms/notices.server";
import { Icon } from "~/components/icons";
import { NewPasswordFields } from "~/components/auth-page";
import { Button, Card, FormErrors, Notice, PageHeader, SelectField, TextField, errorsOf, valuesOf } from "~/components/ui";
import { useLocale, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { isManufacturer } from "~/lib/actor";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import { navFor } from "~/lib/navigation";
import { can } from "~/lib/permissions";
import { mismatch, newPasswordFields, passwordsMatch } from "~/lib/password-rules";
import type { Route } from "./+types/me";

const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1, "errors.required"), ...newPasswordFields })
  .refine(passwordsMatch, mismatch);

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "profile.manage");
  const db = await getDb();
  return {
    emailSettings: await getEmailSettings(db, actor.id),
    // The choices, from the loader: the list lives beside its table's schema, which (with drizzle)
    // the page would otherwise load (issue 17, a salesperson's first load).
    emailModes: EMAIL_MODES,
    /** Topics the person also hears of by text message; offered only with a phone number on file. */
    sms: { topics: [...(await smsTopicsOf(db, actor.id))], phone: !!actor.phone },
    /** The server's list of time zones (the browser's may differ), for the quiet-hours choice. */
    timeZones: Intl.supportedValuesOf("timeZone"),
    me: { name: actor.name, email: actor.email, role: actor.role, organisationName: actor.organisationName },
    more: navFor(actor.role, isManufacturer(actor))
      .filter((n) => !n.bottom)
      .map(({ to, label, icon }) => ({ to, label, icon })),
    /** Participants change the hobbies the reward shop leads with from here. */
    hobbies: can(actor.role, "shop.browse"),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  return dispatchIntent(request, context, "profile.manage", {
    preferences: {
      run: async (actor, formData) => {
        const input = parseForm(emailSettingsSchema, formData);
        const modes = Object.fromEntries(EMAIL_TOPICS.map((topic) => [topic, input[`mode_${topic}`] as EmailMode])) as Record<
          EmailTopic,
          EmailMode
        >;
        const db = await getDb();
        await saveEmailSettings(db, actor, modes, (input.timeZone as string | undefined) || null);
        // notify() reads these rows to queue a text message; without a phone there is nowhere to
        // text, so the choices are cleared rather than kept for later.
        await setSmsTopics(db, actor.id, actor.phone ? EMAIL_TOPICS.filter((topic) => input[`sms_${topic}`]) : []);
        return { ok: true as const, done: "preferences" };
      },
    },
    password: {
      run: async (actor, formData) => {
        const input = parseForm(changePasswordSchema, formData);
        await changePassword(await getDb(), actor, context.sessionId!, input.currentPassword, input.password);
        return { ok: true as const, done: "password" };
      },
    },
  });
}

export default function Me() {
  const { me, more, emailSettings, emailModes, sms, hobbies, timeZones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  return (
    <>
      <PageHeader title={me.name} subtitle={`${me.email} · ${t(`role.${me.role}`)} · ${me.organisationName}`} />
      {more.length ? (
        <Card className="mb-4 md:hidden">
          <ul className="divide-y divide-slate-100">
            {more.map((m) => (
              <li key={m.to}>
                <Link to={m.to} className="flex min-h-12 items-center gap-3">
                  <Icon name={m.icon} className="h-5 w-5 text-brand-600" />
                  {t(m.label)}
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        {hobbies ? (
          <Card>
            <h2 className="mb-1 text-lg font-semibold">{t("shop.hobbies.title")}</h2>
            <p className="mb-3 text-sm text-slate-600">{t("shop.hobbies.me_hint")}</p>
            <Link
              to="/shop/hobbies"
              className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium"
            >
              {t("shop.change_hobbies")}
            </Link>
          </Card>
        ) : null}
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("me.language")}</h2>
          <Form method="post" action="/locale">
            <input type="hidden" name="redirectTo" value={location.pathname} />
            <SelectField
              label={t("me.language")}
              name="locale"
              defaultValue={locale}
              options={LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
            />
            <Button type="submit" variant="secondary">
              {t("common.save")}
            </Button>
          </Form>
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("me.change_password")}</h2>
          {result?.ok && "done" in result && result.done === "password" ? <Notice>{t("me.password_changed")}</Notice> : null}
          <FormErrors errors={errors} />
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="password" />
            <TextField
              label={t("me.current_password")}
              name="currentPassword"
              type="password"
              autoComplete="current-password"
              errors={errors}
            />
            <NewPasswordFields errors={errors} />
            <Button type="submit">{t("me.change_password")}</Button>
          </Form>
        </Card>
        <Card>
          <h2 className="mb-1 text-lg font-semibold">{t("me.email_preferences")}</h2>
          <p className="mb-3 text-sm text-slate-600">{t("me.email_preferences_hint")}</p>
          {!sms.phone ? <p className="mb-3 text-sm text-slate-600">{t("surveys.channels.no_phone")}</p> : null}
          {result?.ok && "done" in result && result.done === "preferences" ? <Notice>{t("me.preferences_saved")}</Notice> : null}
          <FormErrors errors={result?.ok === false && valuesOf(result).intent === "preferences" ? errors : {}} />
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="preferences" />
            <ul className="mb-3 divide-y divide-slate-100">
              {EMAIL_TOPICS.map((topic) => (
                <li key={topic} className="py-2">
                  <SelectField
                    label={t(`topic.${topic}`)}
                    name={`mode_${topic}`}
                    defaultValue={emailSettings.modes[topic]}
                    hint={t(`communication.topic_sends.${topic}`)}
                    options={emailModes.map((m) => ({ value: m, label: t(`communication.mode.${m}`) }))}
                    className="mb-0"
                  />
                  <label className="mt-1 flex min-h-11 items-center gap-2 text-sm">
                    <input type="checkbox" name={`sms_${topic}`} defaultChecked={sms.topics.includes(topic)} disabled={!sms.phone} />
                    {t("surveys.channels.sms")}
                  </label>
                </li>
              ))}
            </ul>
            <SelectField
              label={t("communication.time_zone")}
              name="timeZone"
              defaultValue={emailSettings.timeZone ?? ""}
              hint={t("communication.time_zone_hint")}
              errors={errors}
              options={[
                { value: "", label: t("communication.time_zone_default", { zone: emailSettings.regionTimeZone }) },
                ...timeZones.map((z) => ({ value: z, label: z })),
              ]}
            />
            <Button type="submit" variant="secondary">
              {t("common.save")}
            </Button>
          </Form>
        </Card>
        <Card>
          <h2 className="mb-1 text-lg font-semibold">{t("privacy.my_data.title")}</h2>
          <p className="mb-3 text-sm text-slate-600">{t("privacy.my_data.body")}</p>
          {/* A file, not a page: a plain link, so the router does not try to render it. */}
          <a
            href="/me/data.json"
            download
            className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium"
          >
            {t("privacy.my_data.download")}
          </a>
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("me.sessions")}</h2>
          <div className="flex flex-wrap gap-3">
            <Form method="post" action="/logout">
              <Button type="submit" variant="secondary">
                {t("auth.sign_out")}
              </Button>
            </Form>
            <Form method="post" action="/logout">
              <input type="hidden" name="intent" value="everywhere" />
              <Button type="submit" variant="danger">
                {t("auth.sign_out_everywhere")}
              </Button>
            </Form>
          </div>
        </Card>
      </div>
    </>
  );
}
