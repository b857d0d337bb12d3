import { Form, useActionData, useLoaderData } from "react-router";
import { Link } from "~/components/link";
import { getDb } from "@db/client";
import { unsubscribeByEmail, unsubscribeTarget } from "~/domain/notifications/preferences.server";
import { AuthPage } from "~/components/auth-page";
import { Button, Notice } from "~/components/ui";
import { useT } from "~/i18n/react";
import type { Route } from "./+types/unsubscribe";

// Public on purpose: the random id in the emailed link is the key. GET only asks (link
// scanners must not unsubscribe anyone); POST, from the page or a mail client, does it.
export async function loader({ params }: Route.LoaderArgs) {
  const target = await unsubscribeTarget(await getDb(), params.emailId);
  return { topic: target?.topic ?? null };
}

export async function action({ params }: Route.ActionArgs) {
  const target = await unsubscribeByEmail(await getDb(), params.emailId);
  return { done: !!target };
}

export default function Unsubscribe() {
  const { topic } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <AuthPage title={t("unsubscribe.title")}>
      {!topic ? (
        <p className="text-slate-700">{t("unsubscribe.invalid")}</p>
      ) : result?.done ? (
        <Notice>{t("unsubscribe.done", { topic: t(`topic.${topic}`) })}</Notice>
      ) : (
        <Form method="post">
          <p className="mb-4 text-slate-700">{t("unsubscribe.ask", { topic: t(`topic.${topic}`) })}</p>
          <Button type="submit" className="w-full">
            {t("unsubscribe.confirm")}
          </Button>
        </Form>
      )}
      <p className="mt-4 text-sm text-slate-600">
        {t("unsubscribe.manage")}{" "}
        <Link to="/me" className="text-brand-600 underline">
          {t("nav.me")}
        </Link>
      </p>
    </AuthPage>
  );
}
