import { asc, eq, sql } from "drizzle-orm";
import { rowsOf, type Db, type Queryable } from "@db/client";
import { products, tips, tipTexts } from "@db/schema";
import { LOCALES, type Locale } from "@db/schema/enums";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { notFoundError, UserError } from "~/lib/errors";
import { isId } from "~/lib/ids";

/** A tip is not shown to the same person again within this many days. */
export const TIP_REPEAT_DAYS = 90;

export async function listTips(db: Queryable) {
  const rows = await db.select().from(tips).orderBy(asc(tips.category), asc(tips.createdAt));
  const texts = await db.select().from(tipTexts);
  return rows.map((t) => ({
    ...t,
    texts: Object.fromEntries(texts.filter((x) => x.tipId === t.id).map((x) => [x.locale, x.text])) as Partial<Record<Locale, string>>,
  }));
}

/** The product categories tips can be about: those of the catalogue. */
export async function tipCategories(db: Queryable): Promise<string[]> {
  const rows = await db.selectDistinct({ category: products.category }).from(products).orderBy(asc(products.category));
  return rows.map((r) => r.category);
}

export async function createTip(db: Db, actor: Actor, input: { category: string } & Record<`text_${Locale}`, string>) {
  if (!(await tipCategories(db)).includes(input.category)) throw new UserError("errors.choose", "category");
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(tips).values({ category: input.category }).returning({ id: tips.id });
    await tx
      .insert(tipTexts)
      .values(LOCALES.filter((l) => input[`text_${l}`]).map((locale) => ({ tipId: row.id, locale, text: input[`text_${locale}`] })));
    await recordAudit(tx, { actor, action: "tip.created", entityType: "tip", entityId: row.id });
    return row.id;
  });
}

export async function setTipActive(db: Db, actor: Actor, id: string, active: boolean) {
  if (!isId(id)) throw notFoundError();
  await db.transaction(async (tx) => {
    const [row] = await tx.update(tips).set({ active }).where(eq(tips.id, id)).returning({ id: tips.id });
    if (!row) throw notFoundError();
    await recordAudit(tx, { actor, action: active ? "tip.activated" : "tip.deactivated", entityType: "tip", entityId: id });
  });
}

/**
 * One tip for a person from a product category, in their language (else English): an active
 * tip they have not seen in the last 90 days, the one they saw longest ago (never seen first),
 * recorded as seen in the caller's transaction. Null when every tip was seen recently.
 */
export async function pickTip(
  tx: Queryable,
  userId: string,
  category: string,
  locale: Locale,
): Promise<{ id: string; text: string } | null> {
  const [row] = rowsOf<{ id: string; text: string }>(
    await tx.execute(sql`select t.id, coalesce(mine.text, en.text) as text
      from tips t
      left join tip_texts mine on mine.tip_id = t.id and mine.locale = ${locale}
      left join tip_texts en on en.tip_id = t.id and en.locale = 'en'
      left join tip_views v on v.tip_id = t.id and v.user_id = ${userId}
      where t.active and t.category = ${category} and coalesce(mine.text, en.text) is not null
        and (v.seen_at is null or v.seen_at < now() - make_interval(days => ${TIP_REPEAT_DAYS}))
      order by v.seen_at asc nulls first, t.created_at asc
      limit 1`),
  );
  if (!row) return null;
  await tx.execute(sql`insert into tip_views (user_id, tip_id, seen_at) values (${userId}, ${row.id}, now())
    on conflict (user_id, tip_id) do update set seen_at = excluded.seen_at`);
  return row;
}

/** The category a claim is mostly about: the one of its lines with the most points. */
export async function claimCategory(tx: Queryable, claimId: string): Promise<string | null> {
  const [row] = rowsOf<{ category: string }>(
    await tx.execute(sql`select p.category from claim_lines l join products p on p.id = l.product_id
      where l.claim_id = ${claimId} group by p.category order by sum(coalesce(l.points, 0)) desc, p.category limit 1`),
  );
  return row?.category ?? null;
}
