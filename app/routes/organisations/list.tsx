import { useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { listOrganisations } from "~/domain/organisations/organisations.server";
import { Badge, Card, PageHeader, Table } from "~/components/ui";
import { useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { can } from "~/lib/permissions";
import type { Route } from "./+types/list";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "organisation.list");
  return { organisations: await listOrganisations(await getDb(), actor), canCreate: can(actor.role, "organisation.create") };
}

export default function Organisations() {
  const { organisations, canCreate } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <PageHeader
        title={t("org.title")}
        actions={
          canCreate ? (
            <Link
              to="/organisations/new"
              className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white"
            >
              {t("org.new")}
            </Link>
          ) : null
        }
      />
      <Card>
        <Table
          head={[t("org.name"), t("org.kind"), t("org.tier"), t("org.region"), t("org.channel_manager"), t("org.people"), t("org.outlets")]}
        >
          {organisations.map((o) => (
            <tr key={o.id}>
              <td className="px-3 py-2">
                <Link to={`/organisations/${o.id}`} className="font-medium text-brand-600 underline">
                  {o.name}
                </Link>
              </td>
              <td className="px-3 py-2">{t(`org.kind.${o.kind}`)}</td>
              <td className="px-3 py-2">
                <Badge tone="blue">{t(`tier.${o.tier}`)}</Badge>
              </td>
              <td className="px-3 py-2">{o.region}</td>
              <td className="px-3 py-2">{o.channelManagerName ?? "—"}</td>
              <td className="px-3 py-2">{o.people}</td>
              <td className="px-3 py-2">{o.outlets}</td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
