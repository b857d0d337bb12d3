import { Form, useActionData, useLoaderData } from "react-router";
import { getDb } from "@db/client";
import { Badge, Button, Card, FormErrors, PageHeader, errorsOf } from "~/components/ui";
import { decideSuggestion, listSuggestions } from "~/domain/surveys/suggestions.server";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { existingId } from "~/lib/ids";
import { dispatchIntent } from "~/lib/intents.server";
import type { Route } from "./+types/suggestions";

/** The channel team's list of rewards participants suggested, to mark added to the catalogue or declined. */
export async function loader({ request, context }: Route.LoaderArgs) {
  requireActor(context, request, "rewards.suggestions");
  return { suggestions: await listSuggestions(await getDb()) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const decide = (status: "added" | "declined") => ({
    run: async (actor: Parameters<typeof decideSuggestion>[1], formData: FormData) => {
      const id = formData.get("id");
      await decideSuggestion(await getDb(), actor, existingId(typeof id === "string" ? id : undefined), status);
      return { ok: true as const };
    },
  });
  return dispatchIntent(request, context, "rewards.suggestions", { added: decide("added"), declined: decide("declined") });
}

const TONE = { new: "amber", added: "green", declined: "slate" } as const;

export default function Suggestions() {
  const { suggestions } = useLoaderData<typeof loader>();
  const errors = errorsOf(useActionData<typeof action>());
  const t = useT();
  const f = useFormat();
  return (
    <>
      <PageHeader title={t("surveys.suggestion.list_title")} subtitle={t("surveys.suggestion.list_subtitle")} />
      <FormErrors errors={errors} />
      {suggestions.length ? (
        <ul className="space-y-3">
          {suggestions.map((s) => (
            <li key={s.id}>
              <Card>
                <div className="flex flex-wrap items-center gap-2">
                  <h2 className="min-w-0 flex-1 font-semibold">{s.name}</h2>
                  <Badge tone={TONE[s.status]}>{t(`surveys.suggestion.status.${s.status}`)}</Badge>
                </div>
                <p className="text-xs text-slate-500">
                  {s.person} · {s.partner} · {f.date(s.createdAt)}
                </p>
                <p className="mt-2 text-sm whitespace-pre-line">{s.reason}</p>
                {s.link ? (
                  <a
                    href={s.link}
                    rel="noopener noreferrer nofollow"
                    target="_blank"
                    className="mt-1 block text-sm break-all text-brand-700 underline"
                  >
                    {s.link}
                  </a>
                ) : null}
                {s.status === "new" ? (
                  <Form method="post" className="mt-3 flex flex-wrap gap-2">
                    <input type="hidden" name="id" value={s.id} />
                    <Button type="submit" name="intent" value="added">
                      {t("surveys.suggestion.mark_added")}
                    </Button>
                    <Button type="submit" name="intent" value="declined" variant="secondary">
                      {t("surveys.suggestion.mark_declined")}
                    </Button>
                  </Form>
                ) : null}
              </Card>
            </li>
          ))}
        </ul>
      ) : (
        <Card>
          <p className="text-sm text-slate-600">{t("surveys.suggestion.none")}</p>
        </Card>
      )}
    </>
  );
}
