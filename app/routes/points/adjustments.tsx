import { randomUUID } from "node:crypto";
import { Form, useActionData, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { adjustPoints, getParticipant, liabilityByPartner, searchParticipants } from "~/domain/points/adjustments.server";
import { adjustmentSchema } from "~/domain/points/forms";
import { pointLiability } from "~/domain/points/ledger.server";
import { Badge, Button, Card, FormErrors, Notice, PageHeader, Table, TextAreaField, TextField, errorsOf, valuesOf } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { localiseVars } from "~/i18n/vars";
import { notFound, requireActor } from "~/lib/access.server";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import { can } from "~/lib/permissions";
import { searchText } from "~/lib/search";
import type { Route } from "./+types/adjustments";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "points.view");
  const db = await getDb();
  const url = new URL(request.url);
  const q = searchText(url, 200);
  const userId = url.searchParams.get("user");
  const participant = userId ? await getParticipant(db, actor, userId) : null;
  if (userId && !participant) throw notFound();
  const [results, liability, partners] = await Promise.all([
    searchParticipants(db, actor, q),
    pointLiability(db),
    liabilityByPartner(db, actor),
  ]);
  return {
    q,
    results,
    participant,
    liability,
    partners,
    canAdjust: can(actor.role, "points.adjust"),
    // A fresh key per form shown: submitting the same form twice records one adjustment.
    formKey: randomUUID(),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  return dispatchIntent(request, context, "points.adjust", {
    adjust: {
      run: async (actor, formData) => {
        const input = parseForm(adjustmentSchema, formData);
        const done = await adjustPoints(await getDb(), actor, input);
        return { ok: true as const, duplicate: done.duplicate, direction: input.direction, points: input.points, balance: done.balance };
      },
    },
  });
}

export default function PointsAdmin() {
  const { q, results, participant, liability, partners, canAdjust, formKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const v = valuesOf(result);
  const t = useT();
  const f = useFormat();
  return (
    <>
      <PageHeader title={t("points_admin.title")} subtitle={t("points_admin.subtitle")} />

      {/* grid-cols-1 and min-w-0 keep a wide table scrolling inside its card instead of widening the page on a phone. */}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <div className="min-w-0">
          <Card className="mb-4">
            <h2 className="mb-3 text-lg font-semibold">{t("points_admin.find")}</h2>
            <Form method="get" className="flex items-end gap-2">
              <TextField className="flex-1" label={t("points_admin.search")} name="q" type="search" defaultValue={q} autoComplete="off" />
              <Button type="submit" variant="secondary" className="mb-4">
                {t("points_admin.search_button")}
              </Button>
            </Form>
            {q ? (
              results.length ? (
                <ul className="divide-y divide-slate-100">
                  {results.map((r) => (
                    <li key={r.id}>
                      <Link
                        to={`?q=${encodeURIComponent(q)}&user=${r.id}`}
                        className="flex min-h-12 items-center justify-between gap-3 py-2 hover:bg-slate-50"
                      >
                        <span className="min-w-0">
                          <span className="block truncate font-medium">{r.name}</span>
                          <span className="block truncate text-xs text-slate-500">
                            {r.email} · {r.organisationName}
                          </span>
                        </span>
                        <span className="whitespace-nowrap tabular-nums">{t("points_admin.points_short", { count: r.balance })}</span>
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-600">{t("points_admin.no_results", { q })}</p>
              )
            ) : null}
          </Card>

          {participant ? (
            <Card className="mb-4">
              <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
                <div>
                  <h2 className="text-lg font-semibold">{participant.name}</h2>
                  <p className="text-sm text-slate-600">
                    {participant.email} · {t(`role.${participant.role}`)} · {participant.organisationName}
                  </p>
                </div>
                {participant.status !== "active" ? <Badge tone="slate">{t(`people.status.${participant.status}`)}</Badge> : null}
              </div>
              <p className="mb-1 text-3xl font-semibold tabular-nums" data-testid="participant-balance">
                {t("points_admin.points_short", { count: participant.balance })}
              </p>
              {participant.expiring.points > 0 && participant.expiring.earliest ? (
                <p className="mb-3 text-sm text-amber-800">
                  {t("points_admin.expiring", { count: participant.expiring.points, date: f.date(participant.expiring.earliest) })}
                </p>
              ) : null}

              {result?.ok ? (
                <Notice>
                  {result.duplicate
                    ? t("points_admin.done.duplicate")
                    : t(result.direction === "credit" ? "points_admin.done.credit" : "points_admin.done.debit", {
                        count: result.points,
                        balance: result.balance,
                      })}
                </Notice>
              ) : null}

              {canAdjust ? (
                <Form key={formKey} method="post" noValidate className="mt-4">
                  <h3 className="mb-2 font-semibold">{t("points_admin.adjust")}</h3>
                  <FormErrors errors={errors} />
                  <input type="hidden" name="intent" value="adjust" />
                  <input type="hidden" name="userId" value={participant.id} />
                  <input type="hidden" name="key" value={formKey} />
                  <fieldset className="mb-4">
                    <legend className="mb-1 text-sm font-medium text-slate-700">{t("points_admin.direction")}</legend>
                    <div className="flex gap-4">
                      {(["credit", "debit"] as const).map((d) => (
                        <label key={d} className="flex min-h-11 items-center gap-2">
                          <input
                            type="radio"
                            name="direction"
                            value={d}
                            defaultChecked={(v.direction ?? "credit") === d}
                            className="h-5 w-5"
                          />
                          {t(`points_admin.direction.${d}`)}
                        </label>
                      ))}
                    </div>
                  </fieldset>
                  <TextField label={t("points_admin.points")} name="points" inputMode="numeric" defaultValue={v.points} errors={errors} />
                  <TextAreaField
                    label={t("points_admin.reason")}
                    name="reason"
                    rows={3}
                    defaultValue={v.reason}
                    errors={errors}
                    hint={t("points_admin.reason_hint")}
                  />
                  <Button type="submit">{t("points_admin.record")}</Button>
                </Form>
              ) : null}

              <h3 className="mt-6 mb-2 font-semibold">{t("points_admin.recent")}</h3>
              {participant.recent.length ? (
                <Table head={[t("points_admin.col.date"), t("points_admin.col.what"), t("points_admin.col.points")]}>
                  {participant.recent.map((e) => (
                    <tr key={e.id}>
                      <td className="px-3 py-2 whitespace-nowrap">{f.date(e.createdAt)}</td>
                      <td className="px-3 py-2">
                        <span className="block">{t(e.descriptionKey, localiseVars(e.descriptionVars, f))}</span>
                        <span className="text-xs text-slate-500">{t(`ledger.kind.${e.kind}`)}</span>
                      </td>
                      <td className={`px-3 py-2 text-right tabular-nums ${e.amount < 0 ? "text-red-700" : "text-emerald-700"}`}>
                        {e.amount > 0 ? "+" : "−"}
                        {f.points(Math.abs(e.amount))}
                      </td>
                    </tr>
                  ))}
                </Table>
              ) : (
                <p className="text-sm text-slate-600">{t("points_admin.no_entries")}</p>
              )}
            </Card>
          ) : null}
        </div>

        <Card className="min-w-0 self-start">
          <h2 className="mb-1 text-lg font-semibold">{t("points_admin.liability")}</h2>
          <p className="mb-1 text-3xl font-semibold tabular-nums" data-testid="liability-value">
            {f.money(liability.valueMinor, liability.currency)}
          </p>
          <p className="mb-4 text-sm text-slate-600">{t("points_admin.liability_points", { count: liability.points })}</p>
          <Table
            head={[
              t("points_admin.col.partner"),
              t("points_admin.col.participants"),
              t("points_admin.col.points"),
              t("points_admin.col.value"),
            ]}
          >
            {partners.map((p) => (
              <tr key={p.id}>
                <td className="px-3 py-2">
                  <Link to={`/organisations/${p.id}/points`} className="text-brand-600 underline">
                    {p.name}
                  </Link>
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{f.number(p.participants)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{f.points(p.points)}</td>
                <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{f.money(p.valueMinor, liability.currency)}</td>
              </tr>
            ))}
          </Table>
        </Card>
      </div>
    </>
  );
}
