import { Form, redirect, useActionData, useLoaderData } from "react-router";
import { z } from "zod";
import { getDb } from "@db/client";
import { PARTNER_KINDS, TIERS } from "@db/schema/enums";
import { organisationFields, outletSchema } from "~/domain/organisations/forms";
import { createOrganisation, listChannelManagers } from "~/domain/organisations/organisations.server";
import { Button, Card, FormErrors, PageHeader, SelectField, TextField, errorsOf, valuesOf } from "~/components/ui";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { parseForm, readForm, runAction } from "~/lib/forms.server";
import type { Route } from "./+types/new";

// The first outlet is entered with the organisation; more can be added on its page.
const schema = z.object({ ...organisationFields, outlet: outletSchema });

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "organisation.create");
  return { channelManagers: await listChannelManagers(await getDb()), me: actor.role === "channel_manager" ? actor.id : "" };
}

export async function action({ request, context }: Route.ActionArgs) {
  const actor = requireActor(context, request, "organisation.create");
  const formData = await readForm(request);
  return runAction(formData, async () => {
    const raw = Object.fromEntries(formData);
    const input = parseForm(schema, formData, {
      ...raw,
      outlet: {
        name: raw["outlet.name"],
        address: raw["outlet.address"],
        city: raw["outlet.city"],
        postalCode: raw["outlet.postalCode"] ?? "",
        country: raw["outlet.country"],
      },
    });
    const { outlet, ...org } = input;
    const created = await createOrganisation(await getDb(), actor, { ...org, outlets: [outlet] });
    throw redirect(`/organisations/${created.id}?created=1`);
  });
}

export default function NewOrganisation() {
  const { channelManagers, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const v = valuesOf(result);
  const t = useT();
  return (
    <>
      <PageHeader title={t("org.new")} />
      <Card>
        <FormErrors errors={errors} />
        <Form method="post" noValidate className="grid gap-x-4 md:grid-cols-2">
          <TextField label={t("org.name")} name="name" defaultValue={v.name} errors={errors} />
          <SelectField
            label={t("org.kind")}
            name="kind"
            defaultValue={v.kind ?? "dealer"}
            errors={errors}
            options={PARTNER_KINDS.map((k) => ({ value: k, label: t(`org.kind.${k}`) }))}
          />
          <TextField label={t("org.region")} name="region" defaultValue={v.region} errors={errors} />
          <SelectField
            label={t("org.tier")}
            name="tier"
            defaultValue={v.tier ?? "registered"}
            errors={errors}
            options={TIERS.map((k) => ({ value: k, label: t(`tier.${k}`) }))}
          />
          <SelectField
            label={t("org.channel_manager")}
            name="channelManagerId"
            defaultValue={v.channelManagerId ?? me}
            errors={errors}
            options={[{ value: "", label: "—" }, ...channelManagers.map((c) => ({ value: c.id, label: c.name }))]}
          />
          <h2 className="mt-2 mb-2 text-lg font-semibold md:col-span-2">{t("org.first_outlet")}</h2>
          <TextField label={t("outlet.name")} name="outlet.name" defaultValue={v["outlet.name"]} errors={errors} />
          <TextField label={t("outlet.address")} name="outlet.address" defaultValue={v["outlet.address"]} errors={errors} />
          <TextField label={t("outlet.city")} name="outlet.city" defaultValue={v["outlet.city"]} errors={errors} />
          <TextField label={t("outlet.postal_code")} name="outlet.postalCode" defaultValue={v["outlet.postalCode"]} errors={errors} />
          <TextField label={t("outlet.country")} name="outlet.country" defaultValue={v["outlet.country"]} errors={errors} />
          <div className="md:col-span-2">
            <Button type="submit">{t("org.create")}</Button>
          </div>
        </Form>
      </Card>
    </>
  );
}
