import { useLoaderData, useSearchParams } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { listOutbox } from "~/domain/mail/outbox.server";
import { smsUsage } from "~/domain/sms/outbox.server";
import { Badge, Card, PageHeader, Table } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import type { Route } from "./+types/outbox";

export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "outbox.view");
  const db = await getDb();
  const rows = await listOutbox(db);
  return { emails: rows.map(({ props: _props, ...r }) => r), sms: await smsUsage(db) };
}

/** Mail waiting, sent or failed; without SMTP_URL this is where development mail can be read. */
export default function Outbox() {
  const { emails, sms } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  const [params] = useSearchParams();
  const open = params.get("open");
  return (
    <>
      <PageHeader title={t("outbox.title")} subtitle={t("outbox.subtitle")} />
      <p className="mb-3 text-sm text-slate-700">{t("sms.outbox.usage", { sent: sms.sent, budget: sms.budget })}</p>
      <Card className="mb-4">
        <Table head={[t("outbox.created"), t("outbox.to"), t("outbox.template"), t("outbox.status"), t("outbox.attempts"), ""]}>
          {emails.map((e) => (
            <tr key={e.id}>
              <td className="px-3 py-2 whitespace-nowrap">{f.dateTime(e.createdAt)}</td>
              <td className="px-3 py-2">{e.to}</td>
              <td className="px-3 py-2 font-mono text-xs">
                {e.channel === "sms" ? <Badge tone="slate">{t("sms.outbox.channel_sms")}</Badge> : null} {e.template}
              </td>
              <td className="px-3 py-2">
                <Badge tone={e.status === "sent" ? "green" : e.status === "failed" ? "red" : "amber"}>
                  {t(`outbox.status.${e.status}`)}
                </Badge>
                {e.lastError ? <span className="ml-2 text-xs text-red-700">{e.lastError}</span> : null}
              </td>
              <td className="px-3 py-2">{e.attempts}</td>
              <td className="px-3 py-2">
                <Link to={`?open=${e.id}`} className="text-brand-600 underline">
                  {t("outbox.view")}
                </Link>
              </td>
            </tr>
          ))}
        </Table>
      </Card>
      {open ? (
        <Card>
          <iframe
            title={t("outbox.preview")}
            src={`/admin/outbox/${open}/html`}
            className="h-[640px] w-full rounded border border-slate-200"
            sandbox=""
          />
        </Card>
      ) : null}
    </>
  );
}
