import { Form, redirect, useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { openNotice } from "~/domain/notifications/inbox.server";
import { listNotifications, markAllRead } from "~/domain/notifications/notify.server";
import { Button, Card, PageHeader } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { localiseVars } from "~/i18n/vars";
import { orNotFound, requireActor, safeRedirect } from "~/lib/access.server";
import { dispatchIntent } from "~/lib/intents.server";
import type { Route } from "./+types/inbox";

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "inbox.view");
  const notices = await listNotifications(await getDb(), actor.id, 100);
  return {
    notices: notices.map((n) => ({
      id: n.id,
      titleKey: n.titleKey,
      bodyKey: n.bodyKey,
      vars: n.vars,
      link: n.link,
      read: !!n.readAt,
      createdAt: n.createdAt,
    })),
    unread: notices.filter((n) => !n.readAt).length,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = await getDb();
  return dispatchIntent(request, context, "inbox.view", {
    read_all: {
      run: async (actor) => {
        await markAllRead(db, actor.id);
        return { ok: true as const };
      },
    },
    open: {
      // Opening a notice marks it read and goes where it points; the notice is the actor's own or nothing.
      run: async (actor, formData) => {
        const notice = orNotFound(await openNotice(db, actor, String(formData.get("id") ?? "")));
        throw redirect(safeRedirect(notice.link, "/inbox"));
      },
    },
  });
}

export default function Inbox() {
  const { notices, unread } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useFormat();
  return (
    <>
      <PageHeader
        title={t("inbox.title")}
        subtitle={unread ? t("inbox.unread", { count: unread }) : t("inbox.all_read")}
        actions={
          unread ? (
            <Form method="post">
              <Button type="submit" name="intent" value="read_all" variant="secondary">
                {t("inbox.mark_all")}
              </Button>
            </Form>
          ) : null
        }
      />
      <Card className="p-0 sm:p-0">
        {notices.length ? (
          <ul className="divide-y divide-slate-100">
            {notices.map((n) => {
              const vars = localiseVars(n.vars, f);
              return (
                <li key={n.id} className={n.read ? undefined : "bg-brand-50"} data-notice={n.read ? "read" : "unread"}>
                  <Form method="post">
                    <input type="hidden" name="id" value={n.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="open"
                      className="flex min-h-14 w-full items-start gap-3 px-4 py-3 text-left hover:bg-slate-50"
                    >
                      <span
                        aria-hidden="true"
                        className={`mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full ${n.read ? "bg-transparent" : "bg-brand-600"}`}
                      />
                      <span className="min-w-0 flex-1">
                        <span className={`block ${n.read ? "text-slate-700" : "font-semibold text-slate-900"}`}>
                          {n.read ? null : <span className="sr-only">{t("inbox.new")}: </span>}
                          {t(n.titleKey, vars)}
                        </span>
                        {n.bodyKey ? <span className="mt-0.5 block text-sm text-slate-700">{t(n.bodyKey, vars)}</span> : null}
                        <span className="mt-0.5 block text-xs text-slate-600">{f.dateTime(n.createdAt)}</span>
                      </span>
                    </button>
                  </Form>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="p-4 text-sm text-slate-600 sm:p-6">{t("inbox.empty")}</p>
        )}
      </Card>
    </>
  );
}
