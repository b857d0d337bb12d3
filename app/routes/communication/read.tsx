import { pageMeta } from "~/lib/page-meta";
import { useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { readAnnouncement } from "~/domain/communication/announcements.server";
import { BackLink, Card, PageHeader } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { resolveLocale } from "~/i18n/locale.server";
import { orNotFound, requireActor } from "~/lib/access.server";
import type { Route } from "./+types/read";

/** "<item> · <section> · Partner Portal" (app/lib/page-meta.ts). */
export const meta = pageMeta;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "announcements.read");
  // Only someone the announcement reached reads it here; anyone else gets "not found".
  const a = orNotFound(await readAnnouncement(await getDb(), actor, params.announcementId, resolveLocale(request, actor)));
  return { ...a, pageTitle: { name: a.title } };
}

export default function ReadAnnouncement() {
  const a = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  return (
    <>
      <BackLink to="/inbox">{t("inbox.title")}</BackLink>
      <PageHeader title={a.title} subtitle={a.sentAt ? f.dateTime(a.sentAt) : undefined} />
      <Card>
        {/* Made by renderMarkdown with raw HTML disabled: nothing the author typed runs here. */}
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the HTML comes from renderMarkdown, which escapes every tag typed */}
        <div className="announcement-body space-y-3 text-base leading-relaxed" dangerouslySetInnerHTML={{ __html: a.html }} />
        {a.link ? (
          <Link to={a.link} className="mt-4 inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white">
            {t("communication.open_link")}
          </Link>
        ) : null}
      </Card>
    </>
  );
}
