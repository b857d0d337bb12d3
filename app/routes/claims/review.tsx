import { Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { Link } from "~/components/link";
import { z } from "zod";
import { getDb } from "@db/client";
import { bulkApprove, queueFilterOptions, reviewQueue } from "~/domain/claims/review.server";
import { ageInDays } from "~/domain/claims/shared";
import { EvidenceView, FlagList } from "~/components/claims/parts";
import { SelloutMatch } from "~/components/sellout";
import { matchesNow } from "~/domain/sellout/match.server";
import { PageLinks } from "~/components/paging";
import { readCursor, withParam } from "~/lib/paging";
import { Badge, Button, Card, FormErrors, Notice, PageHeader, errorsOf } from "~/components/ui";
import { useFormat, useT } from "~/i18n/react";
import { requireActor } from "~/lib/access.server";
import { UserError } from "~/lib/errors";
import { isId } from "~/lib/ids";
import { dispatchIntent } from "~/lib/intents.server";
import type { Route } from "./+types/review";

// Filters come from the address bar: anything malformed is ignored rather than refused.
const optionalInt = z
  .preprocess((v) => (v === "" || v === undefined ? undefined : Number(v)), z.number().int().min(0).max(10_000_000).optional())
  .catch(undefined);
const filterSchema = z.object({
  // A partner's id (a link from elsewhere) or part of a partner's name (the filter box).
  partner: z
    .string()
    .transform((s) =>
      s
        .replace(/\p{Cc}/gu, "")
        .trim()
        .slice(0, 100),
    )
    .optional()
    .catch(undefined),
  region: z.string().max(100).optional().catch(undefined),
  age: optionalInt,
  min: optionalInt,
  max: optionalInt,
  flagged: z.literal("1").optional().catch(undefined),
  mine: z.literal("1").optional().catch(undefined),
});

export async function loader({ request, context }: Route.LoaderArgs) {
  const actor = requireActor(context, request, "claims.review");
  const url = new URL(request.url);
  const filter = filterSchema.parse(Object.fromEntries(url.searchParams));
  const after = readCursor(url);
  const db = await getDb();
  // A partner's id names the partner in the box (also when nothing of theirs waits); an id of no
  // partner the manager reaches is ignored like any other malformed filter, never named.
  const byId = filter.partner && isId(filter.partner) ? filter.partner : undefined;
  const read = (organisationId: string | undefined) =>
    reviewQueue(
      db,
      actor,
      {
        organisationId,
        partnerName: filter.partner && !isId(filter.partner) ? filter.partner : undefined,
        region: filter.region || undefined,
        minAgeDays: filter.age,
        minPoints: filter.min,
        maxPoints: filter.max,
        flaggedOnly: !!filter.flagged,
        mine: !!filter.mine,
      },
      { after },
      // The whole queue's count came with the session (the shell's badge shows the same number).
      context.counts?.waiting ?? null,
    );
  // Both at once: the queue (by the id as given) and the regions with the partner's name.
  let [queue, options] = await Promise.all([read(byId), queueFilterOptions(db, actor, byId)]);
  if (byId && !options.partner) {
    // Only for an id of nobody in reach: read again without it (the filter is ignored).
    filter.partner = undefined;
    queue = await read(undefined);
  }
  // What the sell-out data says about the claims on this page, as of now (one read-only statement).
  const matches = await matchesNow(
    db,
    queue.claims.map((c) => c.id),
  );
  // The next page keeps the filters; past the first page, a way back to the oldest claims.
  const pages = { next: queue.next ? withParam(url, "after", queue.next) : null, first: after ? withParam(url, "after", null) : null };
  return { queue, options, filter, matches, pages };
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = await getDb();
  return dispatchIntent(request, context, "claims.review", {
    bulk_approve: {
      run: async (actor, formData) => {
        const claimIds = formData.getAll("claimIds").map(String);
        if (!claimIds.length) throw new UserError("errors.claims.choose_claims");
        const result = await bulkApprove(db, actor, claimIds);
        return { ok: true as const, approved: result.approved.length, refused: result.refused.length };
      },
    },
  });
}

export default function ReviewQueue() {
  const { queue, options, filter, matches, pages } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const f = useFormat();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  // A partner chosen by id (a link) shows as its name, which finds the same partner again.
  const partnerText = options.partner ? options.partner.name : filter.partner;
  const filtered = Object.values(filter).some((v) => v !== undefined && v !== "");
  return (
    <>
      <PageHeader title={t("claims.review_title")} subtitle={t("claims.review_subtitle", { count: queue.total })} />
      {result && "approved" in result ? (
        <Notice>
          {t("claims.bulk_done", { count: result.approved })}
          {result.refused ? ` ${t("claims.bulk_refused", { count: result.refused })}` : ""}
        </Notice>
      ) : null}
      <FormErrors errors={errorsOf(result)} />

      <details className="mb-4 rounded-xl border border-slate-200 bg-white p-4" open={filtered}>
        <summary className="cursor-pointer font-medium">{t("claims.filters")}</summary>
        <Form method="get" className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <FilterInput name="partner" label={t("claims.filter.partner")} value={partnerText} />
          <Select
            name="region"
            label={t("claims.filter.region")}
            value={filter.region}
            options={[{ value: "", label: t("claims.filter.any") }, ...options.regions.map((r) => ({ value: r, label: r }))]}
          />
          <FilterInput numeric name="age" label={t("claims.filter.age")} value={filter.age} />
          <div className="grid grid-cols-2 gap-2">
            <FilterInput numeric name="min" label={t("claims.filter.min")} value={filter.min} />
            <FilterInput numeric name="max" label={t("claims.filter.max")} value={filter.max} />
          </div>
          <label className="flex min-h-11 items-center gap-2 text-sm">
            <input type="checkbox" name="flagged" value="1" defaultChecked={!!filter.flagged} className="h-5 w-5" />
            {t("claims.filter.flagged")}
          </label>
          <label className="flex min-h-11 items-center gap-2 text-sm">
            <input type="checkbox" name="mine" value="1" defaultChecked={!!filter.mine} className="h-5 w-5" />
            {t("claims.filter.mine")}
          </label>
          <div className="flex items-end gap-3">
            <Button type="submit" variant="secondary">
              {t("claims.filter.apply")}
            </Button>
            <Link to="/claims/review" className="text-sm text-brand-600 underline">
              {t("claims.filter.clear")}
            </Link>
          </div>
        </Form>
      </details>

      {queue.claims.length === 0 ? (
        <Card>
          {filtered ? (
            <>
              <p className="text-slate-600" data-testid="queue-empty">
                {options.partner ? t("claims.queue_empty_partner", { partner: options.partner.name }) : t("claims.queue_empty_filtered")}
              </p>
              <Link to="/claims/review" className="inline-flex min-h-11 items-center text-sm font-medium text-brand-600 underline">
                {t("claims.filter.clear_all")}
              </Link>
            </>
          ) : (
            <p className="text-slate-600" data-testid="queue-empty">
              {t("claims.queue_empty")}
            </p>
          )}
          <PageLinks next={null} first={pages.first} />
        </Card>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="bulk_approve" />
          <div className="mb-3 flex items-center justify-between gap-3">
            <p className="text-sm text-slate-600">{t("claims.queue_showing", { count: queue.claims.length })}</p>
            <Button type="submit" disabled={busy}>
              {t("claims.bulk_approve")}
            </Button>
          </div>
          <ul className="space-y-3">
            {queue.claims.map((c) => (
              <li key={c.id}>
                <Card className={c.flags.length ? "border-amber-300" : ""}>
                  <div className="grid gap-4 md:grid-cols-[1fr_12rem]">
                    <div>
                      <div className="flex flex-wrap items-start justify-between gap-2">
                        <label className="flex items-start gap-3">
                          <input
                            type="checkbox"
                            name="claimIds"
                            value={c.id}
                            className="mt-1 h-5 w-5"
                            aria-label={t("claims.select_claim", { number: c.number })}
                          />
                          <span>
                            <Link to={`/claims/${c.id}`} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">
                              {t("claims.claim_title", { number: c.number })}
                            </Link>
                            <span className="block text-sm text-slate-600">
                              {c.claimantName} · {c.organisationName} · {c.region} · {t(`tier.${c.tier}`)}
                            </span>
                            <span className="block text-sm text-slate-600">
                              {t("claims.invoice_short", { invoice: c.invoiceNumber })} · {c.invoiceDate ? f.day(c.invoiceDate) : ""}
                            </span>
                          </span>
                        </label>
                        <div className="text-right">
                          <p className="font-semibold">{t("claims.points_value", { count: c.points })}</p>
                          <WaitingBadge since={c.lastSubmittedAt} />
                          <SelloutMatch match={matches[c.id]} />
                        </div>
                      </div>
                      <ul className="mt-2 space-y-0.5 text-sm">
                        {c.lines.map((l, i) => (
                          <li key={i}>
                            {l.quantity} × {l.name ?? l.sku} <span className="text-slate-500">({l.sku})</span>
                            {l.serials.length ? (
                              <span className="block text-xs break-all text-slate-500">{l.serials.join(", ")}</span>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                      {c.flags.length ? (
                        <div className="mt-2">
                          <FlagList flags={c.flags} />
                        </div>
                      ) : null}
                    </div>
                    <EvidenceView claimId={c.id} files={c.files} compact />
                  </div>
                </Card>
              </li>
            ))}
          </ul>
          <PageLinks next={pages.next} first={pages.first} />
        </Form>
      )}
    </>
  );
}

/** How long a claim has waited: "waiting less than a day" rather than "waiting 0 days". */
function WaitingBadge({ since }: { since: Date | string | null }) {
  const t = useT();
  const days = ageInDays(since ?? new Date());
  return (
    <Badge tone={days >= 5 ? "amber" : "slate"}>
      {days === 0 ? t("ui.review.waiting_under_a_day") : t("claims.waiting_days", { count: days })}
    </Badge>
  );
}

function Select({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value?: string;
  options: Array<{ value: string; label: string }>;
}) {
  return (
    <div>
      <label htmlFor={`q-${name}`} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        id={`q-${name}`}
        name={name}
        defaultValue={value ?? ""}
        className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A filter's text box: the partner's name (searched, any case) or a whole number (age, points). */
function FilterInput({ name, label, value, numeric }: { name: string; label: string; value?: string | number; numeric?: boolean }) {
  return (
    <div>
      <label htmlFor={`q-${name}`} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={`q-${name}`}
        name={name}
        {...(numeric ? { inputMode: "numeric" as const } : { type: "search", maxLength: 100 })}
        defaultValue={value ?? ""}
        className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3"
      />
    </div>
  );
}
