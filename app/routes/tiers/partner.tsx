import { Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { getDb } from "@db/client";
import { TIERS } from "@db/schema/enums";
import { pinSchema, unpinSchema } from "~/domain/tiers/forms";
import { partnerTier, pinTier, unpinTier } from "~/domain/tiers/tiers.server";
import {
  BackLink,
  Badge,
  Button,
  Card,
  FormErrors,
  Notice,
  PageHeader,
  SelectField,
  Table,
  TextField,
  errorsOf,
  valuesOf,
} from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { orNotFound, requireActor, requireId } from "~/lib/access.server";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import type { Route } from "./+types/partner";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  requireActor(context, request, "tiers.manage");
  const id = requireId(params.orgId);
  return orNotFound(await partnerTier(await getDb(), id));
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const db = await getDb();
  requireActor(context, request, "tiers.manage");
  const id = requireId(params.orgId);
  orNotFound(await partnerTier(db, id));
  return dispatchIntent(request, context, "tiers.manage", {
    pin: {
      run: async (actor, formData) => {
        const { tier, reason } = parseForm(pinSchema, formData);
        await pinTier(db, actor, id, tier, reason);
        return { ok: true as const, done: "pinned" as const };
      },
    },
    unpin: {
      run: async (actor, formData) => {
        const { reason } = parseForm(unpinSchema, formData);
        await unpinTier(db, actor, id, reason);
        return { ok: true as const, done: "unpinned" as const };
      },
    },
  });
}

export default function PartnerTier() {
  const p = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const values = valuesOf(result);
  const t = useT();
  const f = useFormat();
  const busy = useNavigation().state !== "idle";
  const volume = p.basis === "points" ? t("tiers.points", { count: p.metrics.volume }) : f.money(p.metrics.volume, p.currency);
  return (
    <>
      <BackLink to="/tiers">{t("tiers.manage.title")}</BackLink>
      <PageHeader title={p.org.name} subtitle={t("tiers.partner.subtitle")} />
      {result && "done" in result ? <Notice>{t(`tiers.done.${result.done}`)}</Notice> : null}
      <FormErrors errors={errors} />
      <Card className="mb-4">
        <p className="text-2xl font-semibold" data-testid="partner-tier">
          {t(`tier.${p.org.tier}`)}
        </p>
        <p className="mt-1 text-sm text-slate-700">
          {t("tiers.partner.measure", { volume, count: p.metrics.certified, computed: t(`tier.${p.computed}`) })}
        </p>
        {p.pinnedTier ? (
          <p className="mt-2 text-sm">
            <Badge tone="blue">{t("tiers.pinned")}</Badge> {p.pinReason}
          </p>
        ) : null}
        {p.atRiskUntil ? (
          <p className="mt-2">
            <Badge tone="amber">{t("tiers.at_risk_until", { date: f.day(p.atRiskUntil) })}</Badge>
          </p>
        ) : null}
      </Card>

      <Card className="mb-4">
        {p.pinnedTier ? (
          <Form method="post">
            <input type="hidden" name="intent" value="unpin" />
            <h2 className="mb-2 font-semibold">{t("tiers.partner.unpin_title")}</h2>
            <TextField
              label={t("tiers.field.reason")}
              name="reason"
              maxLength={500}
              required
              defaultValue={values.reason}
              errors={errors}
            />
            <Button type="submit" variant="secondary" disabled={busy}>
              {t("tiers.partner.unpin")}
            </Button>
          </Form>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="pin" />
            <h2 className="mb-2 font-semibold">{t("tiers.partner.pin_title")}</h2>
            <SelectField
              label={t("tiers.field.tier")}
              name="tier"
              defaultValue={values.tier ?? p.org.tier}
              options={TIERS.map((tier) => ({ value: tier, label: t(`tier.${tier}`) }))}
              errors={errors}
            />
            <TextField
              label={t("tiers.field.reason")}
              name="reason"
              maxLength={500}
              required
              defaultValue={values.reason}
              errors={errors}
            />
            <Button type="submit" disabled={busy}>
              {t("tiers.partner.pin")}
            </Button>
          </Form>
        )}
      </Card>

      <Card>
        <h2 className="mb-2 font-semibold">{t("tiers.partner.history")}</h2>
        {p.history.length ? (
          <Table head={[t("tiers.col.when"), t("tiers.col.change"), t("tiers.col.why"), t("tiers.col.who")]}>
            {p.history.map((h) => (
              <tr key={h.id} data-testid="tier-history">
                <td className="px-3 py-2 whitespace-nowrap">{f.dateTime(h.createdAt)}</td>
                <td className="px-3 py-2">{t("tiers.partner.from_to", { from: t(`tier.${h.fromTier}`), to: t(`tier.${h.toTier}`) })}</td>
                <td className="px-3 py-2">
                  {t(`tiers.reason.${h.reason}`)}
                  {h.note ? <span className="block text-xs text-slate-500">{h.note}</span> : null}
                </td>
                <td className="px-3 py-2">{h.who ?? t("tiers.partner.system")}</td>
              </tr>
            ))}
          </Table>
        ) : (
          <p className="text-slate-600">{t("tiers.partner.no_history")}</p>
        )}
      </Card>
    </>
  );
}
