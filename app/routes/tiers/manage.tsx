import { Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { settingsSchema } from "~/domain/tiers/forms";
import { certificationCourses, getTierProgramme, listPartnerTiers, runReviewNow, saveTierProgramme } from "~/domain/tiers/tiers.server";
import { getSettings } from "~/domain/points/ledger.server";
import { Badge, Button, Card, FormErrors, Notice, PageHeader, SelectField, Table, TextField, errorsOf, valuesOf } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import { minorToMajor } from "~/lib/money";
import type { Route } from "./+types/manage";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "tiers.manage");
  const db = await getDb();
  const [programme, partners, settings, courses] = await Promise.all([
    getTierProgramme(db),
    listPartnerTiers(db),
    getSettings(db),
    certificationCourses(db),
  ]);
  return { programme, partners, currency: settings.currency, courses };
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = await getDb();
  return dispatchIntent(request, context, "tiers.manage", {
    settings: {
      run: async (actor, formData) => {
        const { currency } = await getSettings(db);
        const input = parseForm(settingsSchema(currency), formData);
        await saveTierProgramme(db, actor, input);
        return { ok: true as const, done: "settings" as const };
      },
    },
    review: {
      run: async (actor) => {
        const result = await runReviewNow(db, actor);
        return { ok: true as const, done: "review" as const, changed: result.changed, atRisk: result.atRisk };
      },
    },
  });
}

const RULE_TIERS = ["silver", "gold", "platinum"] as const;

export default function ManageTiers() {
  const { programme, partners, currency, courses } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const values = valuesOf(result);
  const t = useT();
  const f = useFormat();
  const busy = useNavigation().state !== "idle";
  const volumeText = (n: number) => (programme.basis === "points" ? t("tiers.points", { count: n }) : f.money(n, currency));
  const volumeInput = (n: number) => (programme.basis === "points" ? String(n) : minorToMajor(n, currency));
  const rule = (tier: (typeof RULE_TIERS)[number]) => programme.rules.find((r) => r.tier === tier);
  return (
    <>
      <PageHeader title={t("tiers.manage.title")} subtitle={t("tiers.manage.subtitle")} />
      {result && "done" in result ? (
        <Notice>
          {result.done === "review" ? t("tiers.done.review", { count: result.changed, risk: result.atRisk }) : t("tiers.done.settings")}
        </Notice>
      ) : null}
      <FormErrors errors={errors} />

      <Card className="mb-4">
        <Form method="post">
          <input type="hidden" name="intent" value="review" />
          <p className="mb-3 text-sm text-slate-700">{t("tiers.manage.review_hint", { days: programme.graceDays })}</p>
          <Button type="submit" disabled={busy}>
            {t("tiers.manage.run_review")}
          </Button>
        </Form>
      </Card>

      <Card className="mb-4">
        <h2 className="mb-2 font-semibold">{t("tiers.manage.partners")}</h2>
        <Table head={[t("tiers.col.partner"), t("tiers.col.tier"), t("tiers.col.volume"), t("tiers.col.status")]}>
          {partners.map((p) => (
            <tr key={p.id} data-testid="tier-partner">
              <td className="px-3 py-2">
                <Link to={`/tiers/${p.id}`} className="text-brand-600 underline">
                  {p.name}
                </Link>
              </td>
              <td className="px-3 py-2">{t(`tier.${p.tier}`)}</td>
              <td className="px-3 py-2">{p.lastVolume === null ? "—" : volumeText(p.lastVolume)}</td>
              <td className="px-3 py-2">
                {p.pinnedTier ? <Badge tone="blue">{t("tiers.pinned")}</Badge> : null}{" "}
                {!p.pinnedTier && p.atRiskUntil ? (
                  <Badge tone="amber">{t("tiers.at_risk_until", { date: f.day(p.atRiskUntil) })}</Badge>
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
      </Card>

      <Card>
        <h2 className="mb-2 font-semibold">{t("tiers.manage.rules")}</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="settings" />
          <div className="grid gap-x-4 md:grid-cols-3">
            <SelectField
              label={t("tiers.field.basis")}
              name="basis"
              defaultValue={values.basis ?? programme.basis}
              options={[
                { value: "sales", label: t("tiers.basis.sales") },
                { value: "points", label: t("tiers.basis.points") },
              ]}
              errors={errors}
            />
            <SelectField
              label={t("tiers.field.cadence")}
              name="cadence"
              defaultValue={values.cadence ?? programme.cadence}
              options={[
                { value: "monthly", label: t("tiers.cadence.monthly") },
                { value: "quarterly", label: t("tiers.cadence.quarterly") },
              ]}
              errors={errors}
            />
            <TextField
              label={t("tiers.field.grace")}
              name="graceDays"
              inputMode="numeric"
              maxLength={3}
              defaultValue={values.graceDays ?? String(programme.graceDays)}
              errors={errors}
            />
          </div>
          <SelectField
            label={t("tiers.field.course")}
            name="certificationCourseId"
            defaultValue={values.certificationCourseId ?? programme.certificationCourseId ?? ""}
            options={[{ value: "", label: t("tiers.field.course_any") }, ...courses.map((c) => ({ value: c.id, label: c.title }))]}
            errors={errors}
          />
          <p className="mb-2 text-sm text-slate-600">{t("tiers.manage.thresholds_hint", { currency })}</p>
          {RULE_TIERS.map((tier) => (
            <fieldset key={tier} className="grid gap-x-4 md:grid-cols-2">
              <legend className="mb-1 font-medium">{t(`tier.${tier}`)}</legend>
              <TextField
                label={t("tiers.field.volume", { tier: t(`tier.${tier}`) })}
                name={`${tier}_volume`}
                inputMode="decimal"
                maxLength={40}
                defaultValue={values[`${tier}_volume`] ?? volumeInput(rule(tier)?.minVolume ?? 0)}
                errors={errors}
              />
              <TextField
                label={t("tiers.field.certified", { tier: t(`tier.${tier}`) })}
                name={`${tier}_certified`}
                inputMode="numeric"
                maxLength={4}
                defaultValue={values[`${tier}_certified`] ?? String(rule(tier)?.minCertified ?? 0)}
                errors={errors}
              />
            </fieldset>
          ))}
          <Button type="submit" variant="secondary" disabled={busy}>
            {t("tiers.manage.save")}
          </Button>
        </Form>
      </Card>
    </>
  );
}
