import { useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { listAuditEntries } from "~/domain/audit/audit-log.server";
import { Card, PageHeader, Table } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import type { Route } from "./+types/audit";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "audit.view");
  return { entries: await listAuditEntries(await getDb()) };
}

export default function AuditLog() {
  const { entries } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  return (
    <>
      <PageHeader title={t("audit.title")} subtitle={t("audit.subtitle")} />
      <Card>
        <Table head={[t("audit.when"), t("audit.who"), t("audit.what"), t("audit.organisation"), t("audit.why"), t("audit.details")]}>
          {entries.map((e) => (
            <tr key={e.id}>
              <td className="px-3 py-2 whitespace-nowrap">{f.dateTime(e.createdAt)}</td>
              <td className="px-3 py-2">{e.actorName ?? t("audit.system")}</td>
              <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
              <td className="px-3 py-2">{e.organisationName ?? "—"}</td>
              <td className="px-3 py-2">{e.reason ?? ""}</td>
              <td className="max-w-xs truncate px-3 py-2 font-mono text-xs" title={JSON.stringify(e.details)}>
                {Object.keys(e.details ?? {}).length ? JSON.stringify(e.details) : ""}
              </td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
