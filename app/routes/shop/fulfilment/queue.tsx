import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "react-router";
import { Link } from "~/components/link";
import { z } from "zod";
import { getDb } from "@db/client";
import { ORDER_STATUSES, type OrderStatus } from "@db/schema/shop";
import { Points } from "~/components/shop";
import { TextArea } from "~/components/shop-admin";
import { Badge, Button, Card, FormErrors, Notice, PageHeader, Table, errorsOf } from "~/components/ui";
import { MAX_IMPORT_BYTES, fulfilmentQueue, importTracking, queueCounts } from "~/domain/shop/fulfilment.server";
import { approveOrder } from "~/domain/shop/orders.server";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { UserError } from "~/lib/errors";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import { can } from "~/lib/permissions";
import type { Route } from "./+types/queue";

function statusOf(url: URL): OrderStatus {
  const s = url.searchParams.get("status");
  return (ORDER_STATUSES as readonly string[]).includes(s ?? "") ? (s as OrderStatus) : "placed";
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "shop.orders.view");
  const db = await getDb();
  const status = statusOf(new URL(request.url));
  const [orders, counts] = await Promise.all([fulfilmentQueue(db, actor, status), queueCounts(db, actor)]);
  return { status, orders, counts, canFulfil: can(actor.role, "shop.fulfil") };
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = await getDb();
  return dispatchIntent(request, context, "shop.fulfil", {
    approve: {
      run: async (actor, formData) => {
        await approveOrder(db, actor, parseForm(z.object({ orderId: z.string() }), formData).orderId);
        return { ok: true as const, done: "approved" };
      },
    },
    // The warehouse file, or the same rows pasted from a spreadsheet.
    import: {
      run: async (actor, formData) => {
        const file = formData.get("file");
        let text = String(formData.get("csv") ?? "");
        if (file instanceof File && file.size > 0) {
          if (file.size > MAX_IMPORT_BYTES) throw new UserError("shop.import.too_big", "file");
          text = await file.text();
        }
        if (!text.trim()) throw new UserError("shop.import.empty", "file");
        return { ok: true as const, done: "imported", rows: await importTracking(db, actor, text) };
      },
    },
  });
}

export default function FulfilmentQueue() {
  const { status, orders, counts, canFulfil } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const t = useT();
  const f = useFormat();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const rows = result && "rows" in result ? result.rows : null;
  const shipped = rows?.filter((r) => r.outcome === "shipped").length ?? 0;
  const failed = rows?.filter((r) => r.outcome === "error").length ?? 0;
  return (
    <>
      <PageHeader
        title={t("shop.fulfilment.title")}
        subtitle={t("shop.fulfilment.subtitle")}
        actions={
          <a
            href="/shop/fulfilment/export.csv"
            className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium"
            download
          >
            {t("shop.fulfilment.export", { count: counts.approved ?? 0 })}
          </a>
        }
      />
      {params.get("done") ? <Notice>{t(`shop.fulfilment.done.${params.get("done")}`)}</Notice> : null}
      {result && "done" in result && result.done === "approved" ? <Notice>{t("shop.fulfilment.done.approved")}</Notice> : null}
      {rows ? <Notice>{t("shop.import.summary", { shipped, failed, total: rows.length })}</Notice> : null}
      <FormErrors errors={errors} />

      <nav aria-label={t("shop.fulfilment.by_status")} className="-mx-4 mb-4 overflow-x-auto px-4">
        <ul className="flex gap-2">
          {ORDER_STATUSES.map((s) => (
            <li key={s}>
              <Link
                to={`/shop/fulfilment?status=${s}`}
                aria-current={s === status ? "page" : undefined}
                className={`inline-flex min-h-10 items-center gap-2 rounded-full border px-4 text-sm whitespace-nowrap ${s === status ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white"}`}
              >
                {t(`shop.fulfilment.tab.${s}`)} <span className="text-xs opacity-80">{f.number(counts[s] ?? 0)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <Card className="mb-4">
        {orders.length ? (
          <Table
            head={[
              t("shop.fulfilment.order"),
              t("shop.fulfilment.placed"),
              t("shop.fulfilment.who"),
              t("shop.fulfilment.items"),
              t("shop.fulfilment.where"),
              "",
            ]}
          >
            {orders.map((o) => (
              <tr key={o.id} data-testid="queue-row">
                <td className="px-3 py-2 whitespace-nowrap">
                  <Link to={`/shop/fulfilment/orders/${o.id}`} className="font-medium text-brand-600 underline">
                    #{o.number}
                  </Link>
                  <div className="text-xs text-slate-500">
                    <Points value={o.totalPoints} />
                  </div>
                </td>
                <td className="px-3 py-2 whitespace-nowrap">{f.date(o.placedAt)}</td>
                <td className="px-3 py-2">
                  {o.buyerName}
                  <div className="text-xs text-slate-500">{o.organisationName}</div>
                </td>
                <td className="px-3 py-2">{o.items}</td>
                <td className="px-3 py-2">
                  {o.city}, {o.country}
                  {o.trackingNumber ? <div className="font-mono text-xs text-slate-500">{`${o.carrier} ${o.trackingNumber}`}</div> : null}
                </td>
                <td className="px-3 py-2 text-right">
                  {canFulfil && o.status === "placed" ? (
                    <Form method="post">
                      <input type="hidden" name="orderId" value={o.id} />
                      <Button type="submit" name="intent" value="approve" className="min-h-9 px-3" disabled={busy}>
                        {t("shop.fulfilment.approve")}
                      </Button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </Table>
        ) : (
          <p className="text-slate-600">{t("shop.fulfilment.none")}</p>
        )}
      </Card>

      {canFulfil ? (
        <Card>
          <h2 className="mb-1 text-lg font-semibold">{t("shop.import.title")}</h2>
          <p className="mb-3 text-sm text-slate-600">{t("shop.import.hint")}</p>
          <Form method="post" encType="multipart/form-data" noValidate>
            <input type="hidden" name="intent" value="import" />
            <div className="mb-3">
              <label htmlFor="f-file" className="mb-1 block text-sm font-medium text-slate-700">
                {t("shop.import.file")}
              </label>
              <input
                id="f-file"
                name="file"
                type="file"
                accept=".csv,text/csv"
                className="block text-sm"
                aria-describedby={errors.file ? "f-file-error" : undefined}
              />
              {errors.file ? (
                <p id="f-file-error" role="alert" className="mt-1 text-sm text-red-700">
                  {errors.file.map((m) => t(m.key, m.vars)).join(" ")}
                </p>
              ) : null}
            </div>
            <TextArea label={t("shop.import.paste")} name="csv" rows={4} placeholder="order_number,carrier,tracking_number" />
            <Button type="submit" disabled={busy}>
              {t("shop.import.button")}
            </Button>
          </Form>
          {rows?.length ? (
            <div className="mt-4">
              <Table head={[t("shop.import.line"), t("shop.fulfilment.order"), t("shop.import.result")]}>
                {rows.map((r) => (
                  <tr key={`${r.line}-${r.number}`} data-testid="import-row">
                    <td className="px-3 py-2">{r.line}</td>
                    <td className="px-3 py-2">#{r.number}</td>
                    <td className="px-3 py-2">
                      <Badge tone={r.outcome === "shipped" ? "green" : r.outcome === "unchanged" ? "slate" : "red"}>
                        {t(`shop.import.outcome.${r.outcome}`)}
                      </Badge>{" "}
                      {t(r.key, { ...r.vars, status: r.vars?.status ? t(`shop.status.${r.vars.status}`) : "" })}
                    </td>
                  </tr>
                ))}
              </Table>
            </div>
          ) : null}
        </Card>
      ) : null}
    </>
  );
}
