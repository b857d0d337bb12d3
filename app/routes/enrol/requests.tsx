import { Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { getDb } from "@db/client";
import { decideSchema } from "~/domain/enrolment/forms";
import { formatJoinCode } from "~/domain/enrolment/rules";
import { participationOf, regenerateJoinCode } from "~/domain/enrolment/participation.server";
import { approveRequest, declineRequest, listRequests } from "~/domain/enrolment/requests.server";
import { formatPhone } from "~/domain/sms/phone";
import { Badge, Button, Card, FormErrors, PageHeader, TextField, errorsOf } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { config } from "~/lib/config.server";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import type { Route } from "./+types/requests";

/** A partner executive's requests to join, and the join code people can type on /enrol. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "enrolment.decide");
  const db = await getDb();
  const [requests, participation] = await Promise.all([listRequests(db, actor), participationOf(db, actor.organisationId)]);
  return { ...requests, joinCode: formatJoinCode(participation.joinCode), joinUrl: `${config.publicUrl}/enrol` };
}

export async function action({ request, context }: Route.ActionArgs) {
  return dispatchIntent(request, context, "enrolment.decide", {
    approve: {
      run: async (actor, formData) => {
        const { requestId } = parseForm(decideSchema, formData);
        const { request: decided } = await approveRequest(await getDb(), actor, requestId);
        return { ok: true as const, flash: { key: "enrol.requests.approved", vars: { name: decided.name } } };
      },
    },
    decline: {
      run: async (actor, formData) => {
        const { requestId, note } = parseForm(decideSchema, formData);
        const decided = await declineRequest(await getDb(), actor, requestId, note);
        return { ok: true as const, flash: { key: "enrol.requests.declined", vars: { name: decided.name } } };
      },
    },
    new_code: {
      run: async (actor) => {
        await regenerateJoinCode(await getDb(), actor);
        return { ok: true as const, flash: { key: "enrol.code.regenerated" } };
      },
    },
  });
}

export default function EnrolmentRequests() {
  const t = useT();
  const f = useFormat();
  const { pending, decided, joinCode, joinUrl } = useLoaderData<typeof loader>();
  const errors = errorsOf(useActionData<typeof action>());
  const busy = useNavigation().state !== "idle";
  const contact = (r: { email: string | null; phone: string | null }) =>
    [r.email, r.phone ? formatPhone(r.phone) : null].filter(Boolean).join(" · ");
  return (
    <>
      <PageHeader title={t("enrol.requests.title")} subtitle={t("enrol.requests.subtitle")} />
      <FormErrors errors={errors} />
      <section aria-labelledby="pending-title" className="mb-6">
        <h2 id="pending-title" className="mb-2 text-lg font-semibold">
          {t("enrol.requests.pending", { count: pending.length })}
        </h2>
        {pending.length === 0 ? <p className="text-sm text-slate-600">{t("enrol.requests.none")}</p> : null}
        <ul className="grid gap-3 md:grid-cols-2">
          {pending.map((r) => (
            <li key={r.id}>
              <Card>
                <h3 className="font-semibold">{r.name}</h3>
                <p className="text-sm break-all text-slate-700">{contact(r)}</p>
                <p className="text-sm text-slate-700">
                  {t(`role.${r.role}`)}
                  {r.outlet ? ` · ${r.outlet}` : ""}
                </p>
                <p className="mb-3 text-xs text-slate-500">{t("enrol.requests.asked", { date: f.dateTime(r.createdAt) })}</p>
                <Form method="post" className="mb-3">
                  <input type="hidden" name="requestId" value={r.id} />
                  <Button
                    type="submit"
                    name="intent"
                    value="approve"
                    className="w-full"
                    disabled={busy}
                    aria-label={t("enrol.requests.approve_who", { name: r.name })}
                  >
                    {t("enrol.requests.approve")}
                  </Button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="requestId" value={r.id} />
                  <TextField
                    label={t("enrol.requests.note")}
                    name="note"
                    id={`note-${r.id}`}
                    maxLength={500}
                    hint={t("enrol.requests.note_hint")}
                  />
                  <Button
                    type="submit"
                    name="intent"
                    value="decline"
                    variant="secondary"
                    className="w-full"
                    disabled={busy}
                    aria-label={t("enrol.requests.decline_who", { name: r.name })}
                  >
                    {t("enrol.requests.decline")}
                  </Button>
                </Form>
              </Card>
            </li>
          ))}
        </ul>
      </section>
      <Card className="mb-6">
        <h2 className="mb-2 text-lg font-semibold">{t("enrol.code.title")}</h2>
        <p className="mb-2 text-sm text-slate-700">{t("enrol.code.explain", { url: joinUrl })}</p>
        <p className="mb-3 font-mono text-2xl tracking-widest" data-testid="join-code">
          {joinCode}
        </p>
        <Form method="post">
          <Button type="submit" name="intent" value="new_code" variant="secondary" disabled={busy}>
            {t("enrol.code.regenerate")}
          </Button>
        </Form>
        <p className="mt-2 text-xs text-slate-500">{t("enrol.code.regenerate_hint")}</p>
      </Card>
      {decided.length ? (
        <section aria-labelledby="decided-title">
          <h2 id="decided-title" className="mb-2 text-lg font-semibold">
            {t("enrol.requests.decided")}
          </h2>
          <ul className="space-y-2">
            {decided.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm">
                <span className="font-medium">{r.name}</span>
                <span className="text-slate-600">{t(`role.${r.role}`)}</span>
                <Badge tone={r.status === "approved" ? "green" : "slate"}>{t(`enrol.status.${r.status}`)}</Badge>
                {r.decidedAt ? <span className="text-xs text-slate-500">{f.dateTime(r.decidedAt)}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
