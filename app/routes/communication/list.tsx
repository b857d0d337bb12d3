import { useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { listAnnouncements } from "~/domain/communication/announcements.server";
import { Badge, Card, PageHeader } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import type { Route } from "./+types/list";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "announcements.manage");
  return { announcements: await listAnnouncements(await getDb(), actor) };
}

const TONE = { draft: "slate", scheduled: "amber", sent: "green" } as const;

export default function Announcements() {
  const { announcements } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  return (
    <>
      <PageHeader
        title={t("communication.list.title")}
        subtitle={t("communication.list.subtitle")}
        actions={
          <Link
            to="/announcements/new"
            className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white"
          >
            {t("communication.new")}
          </Link>
        }
      />
      <Card className="p-0 sm:p-0">
        {announcements.length ? (
          <ul className="divide-y divide-slate-100">
            {announcements.map((a) => (
              <li key={a.id}>
                <Link
                  to={`/announcements/${a.id}`}
                  className="flex min-h-14 flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 hover:bg-slate-50"
                >
                  <span className="min-w-0 flex-1 font-medium text-slate-900">{a.title ?? "—"}</span>
                  <Badge tone={TONE[a.status]}>{t(`communication.status.${a.status}`)}</Badge>
                  <span className="w-full text-xs text-slate-500 sm:w-auto">
                    {a.status === "sent"
                      ? t("communication.list.sent", { date: f.dateTime(a.queuedAt ?? a.createdAt), count: a.recipients ?? 0 })
                      : a.status === "scheduled" && a.sendAt
                        ? t("communication.list.scheduled", { date: f.dateTime(a.sendAt) })
                        : f.dateTime(a.createdAt)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="p-4 text-sm text-slate-600 sm:p-6">{t("communication.list.empty")}</p>
        )}
      </Card>
    </>
  );
}
