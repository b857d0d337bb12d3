import { Form, useActionData, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { FairWarning } from "~/components/fair";
import { fairSettings, fairnessOf, setFairMargin } from "~/domain/shop/fair.server";
import { wholeNumber } from "~/domain/shop/forms";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import { z } from "zod";
import { getDb } from "@db/client";
import { Points } from "~/components/shop";
import { Badge, Button, Card, FormErrors, Notice, PageHeader, Table, TextField, errorsOf, valuesOf } from "~/components/ui";
import { listRewardsForAdmin } from "~/domain/shop/manage.server";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import type { Route } from "./+types/rewards";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "shop.manage");
  const db = await getDb();
  const [list, settings] = await Promise.all([listRewardsForAdmin(db), fairSettings(db)]);
  // Each reward's points at the programme's point value against its retail price (issue 19).
  return { rewards: list.map((r) => ({ ...r, fair: fairnessOf(settings, r) })), settings };
}

const marginSchema = z.object({ margin: wholeNumber(0, 1000) });

export async function action({ request, context }: Route.ActionArgs) {
  const db = await getDb();
  return dispatchIntent(request, context, "shop.manage", {
    margin: {
      run: async (actor, formData) => {
        await setFairMargin(db, actor, parseForm(marginSchema, formData).margin);
        return { ok: true as const, saved: "margin" as const };
      },
    },
  });
}

const linkButton = "inline-flex min-h-11 items-center rounded-lg px-4 text-sm font-medium";

export default function ManageRewards() {
  const { rewards, settings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const v = valuesOf(result);
  const t = useT();
  const f = useFormat();
  const now = Date.now();
  return (
    <>
      <PageHeader
        title={t("shop.manage.title")}
        subtitle={t("shop.manage.subtitle")}
        actions={
          <div className="flex flex-wrap gap-2">
            <Link to="/shop/manage/categories" className={`${linkButton} border border-slate-300 bg-white`}>
              {t("shop.manage.categories")}
            </Link>
            <Link to="/shop/manage/new" className={`${linkButton} bg-brand-600 text-white`}>
              {t("shop.manage.new")}
            </Link>
          </div>
        }
      />
      {result && "saved" in result ? <Notice>{t("fair.margin_saved")}</Notice> : null}
      <FormErrors errors={errors} />
      <Card className="mb-4">
        <h2 className="mb-2 text-lg font-semibold">{t("fair.margin_title")}</h2>
        <Form method="post" noValidate className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="margin" />
          <TextField
            label={t("fair.margin_label")}
            name="margin"
            inputMode="numeric"
            defaultValue={v.margin ?? String(settings.fairMarginPercent)}
            errors={errors}
            className="mb-0 w-full sm:w-96"
          />
          <Button type="submit" variant="secondary">
            {t("common.save")}
          </Button>
        </Form>
        <p className="mt-2 text-sm text-slate-600">
          {t("fair.margin_now", { margin: settings.fairMarginPercent, value: f.money(settings.pointValueMinor, settings.currency) })}
        </p>
      </Card>
      <Card>
        <Table
          head={[
            t("shop.manage.reward"),
            t("shop.manage.category"),
            t("shop.manage.price"),
            t("shop.manage.stock"),
            t("shop.manage.visibility"),
            t("shop.manage.state"),
          ]}
        >
          {rewards.map((r) => {
            const upcoming = r.activeFrom && new Date(r.activeFrom).getTime() > now;
            const ended = r.activeUntil && new Date(r.activeUntil).getTime() <= now;
            return (
              <tr key={r.id}>
                <td className="px-3 py-2">
                  <Link to={`/shop/manage/rewards/${r.id}`} className="font-medium text-brand-600 underline">
                    {r.name}
                  </Link>
                  {r.kind === "digital" ? (
                    <span className="ml-2">
                      <Badge tone="blue">{t("shop.kind.digital")}</Badge>
                    </span>
                  ) : null}
                  {r.fair.warn && r.fair.overRetailPercent != null ? (
                    <FairWarning percent={r.fair.overRetailPercent} className="mt-1" />
                  ) : null}
                </td>
                <td className="px-3 py-2">{r.categoryEn}</td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <Points value={r.pointsPrice} />
                </td>
                <td className="px-3 py-2">
                  {r.stock <= 0 ? <Badge tone="red">{f.number(r.stock)}</Badge> : f.number(r.stock)}
                  {r.variants > 1 ? (
                    <span className="ml-1 text-xs text-slate-500">{t("shop.manage.variants_count", { count: r.variants })}</span>
                  ) : null}
                </td>
                <td className="px-3 py-2 text-xs">
                  {r.tiers.length ? r.tiers.map((x) => t(`tier.${x}`)).join(", ") : t("shop.manage.all_tiers")}
                  <br />
                  {r.roles.length ? r.roles.map((x) => t(`role.${x}`)).join(", ") : t("shop.manage.all_roles")}
                </td>
                <td className="px-3 py-2">
                  {!r.active ? (
                    <Badge tone="slate">{t("shop.manage.hidden")}</Badge>
                  ) : upcoming ? (
                    <Badge tone="amber">{t("shop.manage.from", { date: f.date(r.activeFrom!) })}</Badge>
                  ) : ended ? (
                    <Badge tone="slate">{t("shop.manage.ended")}</Badge>
                  ) : (
                    <Badge tone="green">{t("shop.manage.on_sale")}</Badge>
                  )}
                </td>
              </tr>
            );
          })}
        </Table>
      </Card>
    </>
  );
}
