import { Form, useActionData, useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { reporterSchema } from "~/domain/gates/forms";
import { linkReporter, reporterLinks, unlinkReporter } from "~/domain/sellout/reporters.server";
import { Button, Card, FormErrors, Notice, PageHeader, SelectField, Table, errorsOf, valuesOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { parseForm } from "~/lib/forms.server";
import { dispatchIntent } from "~/lib/intents.server";
import type { Route } from "./+types/reporters";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "sellout.reporters");
  return reporterLinks(await getDb());
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = await getDb();
  return dispatchIntent(request, context, "sellout.reporters", {
    link: {
      run: async (actor, formData) => {
        const names = await linkReporter(db, actor, parseForm(reporterSchema, formData));
        return { ok: true as const, done: "linked" as const, ...names };
      },
    },
    unlink: {
      run: async (actor, formData) => {
        await unlinkReporter(db, actor, parseForm(reporterSchema, formData));
        return { ok: true as const, done: "unlinked" as const };
      },
    },
  });
}

/** The channel team links each distributor to the dealers whose sell-out it reports. */
export default function SelloutReporters() {
  const { distributors, partners } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const v = valuesOf(result);
  const t = useT();
  return (
    <>
      <PageHeader title={t("gates.reporters.title")} subtitle={t("gates.reporters.subtitle")} />
      {result && "done" in result ? (
        <Notice>
          {result.done === "linked"
            ? t("gates.reporters.linked", { dealer: result.dealer, distributor: result.distributor })
            : t("gates.reporters.unlinked")}
        </Notice>
      ) : null}
      <FormErrors errors={errors} />
      <Card className="mb-4">
        <h2 className="mb-3 text-lg font-semibold">{t("gates.reporters.add")}</h2>
        {distributors.length ? (
          <Form method="post" noValidate className="grid gap-x-4 md:grid-cols-3 md:items-end">
            <input type="hidden" name="intent" value="link" />
            <SelectField
              label={t("gates.reporters.distributor")}
              name="distributorId"
              defaultValue={v.distributorId ?? distributors[0]?.id}
              errors={errors}
              options={distributors.map((d) => ({ value: d.id, label: d.name }))}
            />
            <SelectField
              label={t("gates.reporters.dealer")}
              name="dealerId"
              defaultValue={v.dealerId ?? ""}
              errors={errors}
              options={[{ value: "", label: "—" }, ...partners.map((p) => ({ value: p.id, label: p.name }))]}
            />
            <div className="mb-4">
              <Button type="submit">{t("gates.reporters.link")}</Button>
            </div>
          </Form>
        ) : (
          <p className="text-sm text-slate-600">{t("gates.reporters.no_distributors")}</p>
        )}
      </Card>
      {distributors.map((d) => (
        <Card key={d.id} className="mb-4">
          <h2 className="mb-3 text-lg font-semibold" data-testid="distributor">
            {d.name}
          </h2>
          {d.dealers.length ? (
            <Table head={[t("gates.reporters.dealer"), ""]} caption={t("gates.reporters.dealers_of", { distributor: d.name })}>
              {d.dealers.map((dealer) => (
                <tr key={dealer.id} data-testid="reporter-row">
                  <td className="px-3 py-2 font-medium">{dealer.name}</td>
                  <td className="px-3 py-2 text-right">
                    <Form method="post">
                      <input type="hidden" name="intent" value="unlink" />
                      <input type="hidden" name="distributorId" value={d.id} />
                      <input type="hidden" name="dealerId" value={dealer.id} />
                      <Button type="submit" variant="secondary" className="min-h-11 px-3">
                        {t("gates.reporters.unlink", { dealer: dealer.name })}
                      </Button>
                    </Form>
                  </td>
                </tr>
              ))}
            </Table>
          ) : (
            <p className="text-sm text-slate-600">{t("gates.reporters.none")}</p>
          )}
        </Card>
      ))}
    </>
  );
}
