import { Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { Link } from "~/components/link";
import { COSTSHARE_PAYMENT_METHODS } from "@db/schema/costshare";
import { getDb } from "@db/client";
import { paymentSchema } from "~/domain/costshare/forms";
import { getSettings } from "~/domain/costshare/funds.server";
import { listPayments, payableClaims, recordPayment } from "~/domain/costshare/payments.server";
import { Button, Card, FormErrors, Notice, PageHeader, SelectField, TextField, errorsOf, valuesOf } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { isoDay } from "~/lib/dates";
import { UserError } from "~/lib/errors";
import { isId } from "~/lib/ids";
import { parseMoney } from "~/lib/money";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import type { Route } from "./+types/payments";

/** Finance's desk: approved claims waiting for money, one payment settling one or several of a partner's claims, the export. */
export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "costshare.pay");
  const db = await getDb();
  const [{ currency }, payable, payments] = await Promise.all([getSettings(db), payableClaims(db), listPayments(db, 50)]);
  return { currency, payable, payments, today: isoDay(new Date()) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = await getDb();
  return dispatchIntent(request, context, "costshare.pay", {
    pay: {
      run: async (actor, formData) => {
        const { currency } = await getSettings(db);
        const v = parseForm(paymentSchema(currency), formData);
        const lines = [];
        for (const claimId of formData.getAll("claimIds").map(String)) {
          if (!isId(claimId)) throw new UserError("errors.costshare.choose_claims");
          const amount = parseMoney(String(formData.get(`amount_${claimId}`) ?? ""), currency);
          if (!amount) throw new UserError("errors.costshare.amount", `amount_${claimId}`);
          lines.push({ claimId, amountMinor: amount });
        }
        const payment = await recordPayment(db, actor, { paidOn: v.paidOn, method: v.method, reference: v.reference, lines });
        return { ok: true as const, done: "paid", number: payment.number };
      },
    },
  });
}

export default function Payments() {
  const { currency, payable, payments, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const values = valuesOf(result);
  const t = useT();
  const f = useFormat();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <PageHeader
        title={t("costshare.payments_title")}
        subtitle={t("costshare.payments_subtitle")}
        actions={
          <a href="/cost-share/payments.csv" className="inline-flex min-h-11 items-center text-sm text-brand-600 underline">
            {t("costshare.export_csv")}
          </a>
        }
      />
      {result && "done" in result ? <Notice>{t("costshare.done.paid", { number: result.number })}</Notice> : null}
      <FormErrors errors={errors} />
      <Card>
        <h2 className="mb-2 font-semibold">{t("costshare.payable_title")}</h2>
        {payable.length === 0 ? (
          <p className="text-slate-600">{t("costshare.nothing_to_pay")}</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="pay" />
            <ul className="mb-4 space-y-2">
              {payable.map((c) => {
                const left = (c.approvedMinor ?? 0) - c.paidMinor;
                return (
                  <li key={c.id} className="rounded-lg border border-slate-200 p-3">
                    <label className="flex items-start gap-3">
                      <input
                        type="checkbox"
                        name="claimIds"
                        value={c.id}
                        className="mt-1 h-5 w-5"
                        aria-label={t("costshare.pay_claim", { number: c.number })}
                      />
                      <span className="flex-1">
                        <Link to={`/cost-share/requests/${c.requestId}`} className="font-medium text-brand-700 underline">
                          {t("costshare.claim_heading", { number: c.number })}
                        </Link>
                        <span className="block text-sm text-slate-600">
                          {c.organisationName} · {c.title}
                        </span>
                        <span className="block text-sm">
                          {t("costshare.left_to_pay", {
                            amount: f.money(left, currency),
                            approved: f.money(c.approvedMinor ?? 0, currency),
                          })}
                        </span>
                      </span>
                    </label>
                    <TextField
                      label={t("costshare.pay_amount", { currency })}
                      name={`amount_${c.id}`}
                      inputMode="decimal"
                      defaultValue={values[`amount_${c.id}`] ?? f.moneyInput(left, currency)}
                      errors={errors}
                      className="mt-2 mb-0"
                    />
                  </li>
                );
              })}
            </ul>
            <div className="grid gap-x-4 sm:grid-cols-3">
              <TextField label={t("costshare.paid_on")} name="paidOn" type="date" defaultValue={values.paidOn ?? today} errors={errors} />
              <SelectField
                label={t("costshare.method")}
                name="method"
                defaultValue={values.method ?? "bank_transfer"}
                options={COSTSHARE_PAYMENT_METHODS.map((m) => ({ value: m, label: t(`costshare.method.${m}`) }))}
                errors={errors}
              />
              <TextField label={t("costshare.reference")} name="reference" defaultValue={values.reference} errors={errors} maxLength={80} />
            </div>
            <Button type="submit" disabled={busy}>
              {t("costshare.record_payment")}
            </Button>
          </Form>
        )}
      </Card>
      <h2 className="mt-6 mb-2 text-lg font-semibold">{t("costshare.recent_payments")}</h2>
      <ul className="space-y-2">
        {payments.map(({ payment, organisationName }) => (
          <li key={payment.id} className="rounded-xl border border-slate-200 bg-white p-3 text-sm">
            <span className="font-medium">{t("costshare.payment_title", { number: payment.number })}</span> · {organisationName} ·{" "}
            {f.day(payment.paidOn)} · {t(`costshare.method.${payment.method}`)} · {payment.reference} ·{" "}
            <span className="font-semibold">{f.money(payment.totalMinor, currency)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
