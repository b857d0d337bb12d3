import { Form, useActionData, useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { EMAIL_MODES } from "@db/schema/communication";
import { BackLink, Button, Card, FormErrors, Notice, PageHeader, errorsOf } from "~/components/ui";
import { getEmailSettings, saveEmailSettings } from "~/domain/communication/settings.server";
import { EMAIL_TOPICS } from "~/domain/notifications/topics";
import { setSmsTopics, smsTopicsOf } from "~/domain/sms/notices.server";
import { channelSettingsSchema } from "~/domain/surveys/forms";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { parseForm, readForm, runAction } from "~/lib/forms.server";
import type { Route } from "./+types/channels";

/**
 * Per notification topic, how a person hears of it: email (at once, weekly, off), a text message
 * (only with a phone number on file) and, always, the in-app notice. notify() reads exactly these
 * rows, so the choice decides which channel the outbox row gets.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "profile.manage");
  const db = await getDb();
  const email = await getEmailSettings(db, actor.id);
  return { modes: email.modes, sms: [...(await smsTopicsOf(db, actor.id))], phone: actor.phone, hasEmail: !!actor.email };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(context, request, "profile.manage");
  const formData = await readForm(request);
  return runAction(formData, async () => {
    const input = parseForm(channelSettingsSchema, formData);
    const db = await getDb();
    const current = await getEmailSettings(db, actor.id);
    const modes = Object.fromEntries(EMAIL_TOPICS.map((topic) => [topic, input[`mode_${topic}`]])) as typeof current.modes;
    await saveEmailSettings(db, actor, modes, current.timeZone);
    // Without a phone number there is nowhere to text: the SMS choices are cleared, not kept for later.
    await setSmsTopics(db, actor.id, actor.phone ? EMAIL_TOPICS.filter((topic) => input[`sms_${topic}`]) : []);
    return { ok: true as const };
  });
}

export default function Channels() {
  const { modes, sms, phone, hasEmail } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const errors = errorsOf(result);
  const saved = (result as { ok?: boolean } | undefined)?.ok === true;
  return (
    <>
      <BackLink to="/me">{t("nav.me")}</BackLink>
      <PageHeader title={t("surveys.channels.title")} subtitle={t("surveys.channels.subtitle")} />
      {saved ? <Notice>{t("surveys.channels.saved")}</Notice> : null}
      <FormErrors errors={errors} />
      {!phone ? <p className="mb-3 text-sm text-slate-600">{t("surveys.channels.no_phone")}</p> : null}
      <Form method="post" noValidate>
        <Card className="p-0 sm:p-0">
          <ul className="divide-y divide-slate-100">
            {EMAIL_TOPICS.map((topic) => (
              <li key={topic} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
                <span className="w-full font-medium sm:w-56">{t(`topic.${topic}`)}</span>
                <label className="flex min-h-11 items-center gap-2 text-sm">
                  {t("surveys.channels.email")}
                  <select
                    name={`mode_${topic}`}
                    defaultValue={modes[topic]}
                    disabled={!hasEmail}
                    className="min-h-11 rounded-lg border border-slate-300 bg-white px-2 text-base"
                  >
                    {EMAIL_MODES.map((m) => (
                      <option key={m} value={m}>
                        {t(`communication.mode.${m}`)}
                      </option>
                    ))}
                  </select>
                </label>
                {!hasEmail ? <input type="hidden" name={`mode_${topic}`} value={modes[topic]} /> : null}
                <label className="flex min-h-11 items-center gap-2 text-sm">
                  <input type="checkbox" name={`sms_${topic}`} defaultChecked={sms.includes(topic)} disabled={!phone} />
                  {t("surveys.channels.sms")}
                </label>
                <span className="flex min-h-11 items-center gap-2 text-sm text-slate-500">
                  <input type="checkbox" checked readOnly disabled aria-label={t("surveys.channels.in_app")} />
                  {t("surveys.channels.in_app")}
                </span>
              </li>
            ))}
          </ul>
        </Card>
        <div className="sticky bottom-16 z-10 mt-3 md:bottom-2">
          <Button type="submit" className="w-full sm:w-auto">
            {t("common.save")}
          </Button>
        </div>
      </Form>
    </>
  );
}
