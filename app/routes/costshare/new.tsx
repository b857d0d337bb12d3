import { Form, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { filesOf } from "~/domain/costshare/files.server";
import { requestFormData } from "~/domain/costshare/form-data.server";
import { requestSchema } from "~/domain/costshare/forms";
import { getSettings } from "~/domain/costshare/funds.server";
import { createRequest } from "~/domain/costshare/requests.server";
import { RequestFields } from "~/components/costshare";
import { Button, Card, FormErrors, PageHeader, errorsOf, valuesOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { parseForm, readForm, runAction } from "~/lib/forms.server";
import type { Route } from "./+types/new";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "costshare.request");
  return requestFormData(await getDb(), actor);
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(context, request, "costshare.request");
  const db = await getDb();
  const formData = await readForm(request);
  return runAction(formData, async () => {
    const { currency } = await getSettings(db);
    const input = parseForm(requestSchema(currency), formData);
    const [layout] = filesOf(formData, "layout");
    const created = await createRequest(db, actor, input, layout ?? null);
    throw redirect(`/cost-share/requests/${created.id}?sent=1`);
  });
}

export default function NewRequest() {
  const form = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state !== "idle";
  const errors = errorsOf(result);
  return (
    <>
      <PageHeader
        title={t("costshare.new_title")}
        subtitle={t("costshare.new_subtitle")}
        actions={
          <Link to="/cost-share" className="text-sm text-brand-600 underline">
            {t("costshare.title")}
          </Link>
        }
      />
      <Card>
        <Form method="post" encType="multipart/form-data" noValidate>
          <FormErrors errors={errors} />
          <RequestFields {...form} values={valuesOf(result)} errors={errors} />
          <Button type="submit" disabled={busy} className="w-full sm:w-auto">
            {t("costshare.form.submit")}
          </Button>
        </Form>
      </Card>
    </>
  );
}
