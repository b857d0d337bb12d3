import { Form, redirect, useActionData, useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { BackLink, Button, Card, PageHeader } from "~/components/ui";
import { monthlyReportSchema } from "~/domain/reports/forms";
import { monthlyReportWanted, setMonthlyReport } from "~/domain/reports/monthly-email.server";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { parseForm, readForm, runAction } from "~/lib/forms.server";
import type { Route } from "./+types/settings";

/** The partner executive's switch for the monthly report email (the same preference as on the profile page). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "reports.partner");
  return { enabled: await monthlyReportWanted(await getDb(), actor.id) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(context, request, "reports.partner");
  const form = await readForm(request);
  return runAction(form, async () => {
    const { monthly } = parseForm(monthlyReportSchema, form);
    await setMonthlyReport(await getDb(), actor, monthly === "on");
    throw redirect(`/reports/settings?saved=${monthly}`);
  });
}

export default function ReportSettings() {
  const { enabled } = useLoaderData<typeof loader>();
  useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <BackLink to="/reports">{t("reports.back")}</BackLink>
      <PageHeader title={t("reports.settings.title")} />
      <Card>
        <p className="mb-4 text-sm text-slate-700" role="status">
          {enabled ? t("reports.settings.on") : t("reports.settings.off")}
        </p>
        <Form method="post">
          <Button type="submit" name="monthly" value={enabled ? "off" : "on"} variant={enabled ? "secondary" : "primary"}>
            {enabled ? t("reports.settings.turn_off") : t("reports.settings.turn_on")}
          </Button>
        </Form>
      </Card>
    </>
  );
}
