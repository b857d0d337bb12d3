import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { rowsOf, type Db, type Queryable } from "@db/client";
import {
  announcementContents,
  announcementDeliveries,
  announcements,
  notifications,
  organisations,
  rewards,
  shopCategories,
  type Announcement,
  type AnnouncementContent,
} from "@db/schema";
import type { Segment } from "@db/schema/communication";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "@db/schema/enums";
import { type Actor, isManufacturer } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { UserError } from "~/lib/errors";
import { isId } from "~/lib/ids";
import { tenantScope } from "~/lib/scope.server";
import { listContests } from "../contests/contests.server";
import { rewardVisibleTo } from "../shop/rewards.server";
import { listCoursesFor } from "../training/courses.server";
import type { AnnouncementInput } from "./forms";
import { renderMarkdown } from "./markdown.server";
import { fromLocalInput } from "./quiet-hours";
import { countRecipients, queueAnnouncement } from "./segments.server";
import { localise } from "../content/translations.server";
import { timeZoneOf } from "./settings.server";

/**
 * A partner executive writes to their own people only: their announcements carry their
 * organisation, which the segment condition always applies, and partner lists are ignored.
 */
function ownOrganisation(actor: Actor): string | null {
  return isManufacturer(actor) ? null : actor.organisationId;
}

function scoped(actor: Actor, id: string) {
  return and(eq(announcements.id, id), tenantScope(actor, announcements.organisationId));
}

async function writeContents(tx: Queryable, id: string, input: AnnouncementInput) {
  await tx.delete(announcementContents).where(eq(announcementContents.announcementId, id));
  await tx.insert(announcementContents).values(
    input.contents.map((c) => ({
      announcementId: id,
      locale: c.locale,
      title: c.title,
      bodyMarkdown: c.bodyMarkdown,
      bodyHtml: renderMarkdown(c.bodyMarkdown),
    })),
  );
}

function segmentFor(actor: Actor, segment: Segment): Segment {
  // Tiers, regions and partner lists mean nothing inside one organisation: kept empty for an executive.
  return isManufacturer(actor) ? segment : { ...segment, tiers: [], regions: [], organisationIds: [] };
}

export async function createAnnouncement(db: Db, actor: Actor, input: AnnouncementInput): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(announcements)
      .values({ authorId: actor.id, organisationId: ownOrganisation(actor), segment: segmentFor(actor, input.segment), link: input.link })
      .returning({ id: announcements.id });
    await writeContents(tx, row.id, input);
    await recordAudit(tx, {
      actor,
      action: "announcement.created",
      entityType: "announcement",
      entityId: row.id,
      organisationId: ownOrganisation(actor),
    });
    return row.id;
  });
}

/** Editing is possible until the announcement has gone out (a scheduled one may still change). */
export async function updateAnnouncement(db: Db, actor: Actor, id: string, input: AnnouncementInput): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(announcements)
      .set({ segment: segmentFor(actor, input.segment), link: input.link, updatedAt: new Date() })
      .where(and(scoped(actor, id), inArray(announcements.status, ["draft", "scheduled"])))
      .returning({ id: announcements.id });
    if (!row) throw new UserError("communication.errors.already_sent", "_form", {}, 409);
    await writeContents(tx, id, input);
  });
}

export type AnnouncementView = Announcement & { contents: AnnouncementContent[] };

/** An announcement its author's side may manage: the manufacturer's team sees all, an executive their organisation's. */
export async function getAnnouncement(db: Queryable, actor: Actor, id: string): Promise<AnnouncementView | null> {
  if (!isId(id)) return null;
  const [row] = await db.select().from(announcements).where(scoped(actor, id)).limit(1);
  if (!row) return null;
  const contents = await db.select().from(announcementContents).where(eq(announcementContents.announcementId, id));
  contents.sort((a, b) => LOCALES.indexOf(a.locale) - LOCALES.indexOf(b.locale));
  return { ...row, contents };
}

export async function listAnnouncements(db: Queryable, actor: Actor, limit = 100) {
  return db
    .select({
      id: announcements.id,
      status: announcements.status,
      sendAt: announcements.sendAt,
      queuedAt: announcements.queuedAt,
      recipients: announcements.recipients,
      createdAt: announcements.createdAt,
      title: announcementContents.title,
    })
    .from(announcements)
    .leftJoin(
      announcementContents,
      and(eq(announcementContents.announcementId, announcements.id), eq(announcementContents.locale, actor.locale ?? "en")),
    )
    .where(tenantScope(actor, announcements.organisationId))
    .orderBy(desc(announcements.createdAt))
    .limit(limit);
}

/** Delivery counts: people reached, emails queued / sent / failed, who had announcements mail off, in the digest, and inbox reads. */
export async function announcementStats(db: Queryable, id: string) {
  const [row] = rowsOf<{ people: number; queued: number; sent: number; failed: number; off: number; digest: number; read: number }>(
    await db.execute(sql`
      select count(*)::int as people,
        count(e.id) filter (where e.status = 'pending')::int as queued,
        count(e.id) filter (where e.status = 'sent')::int as sent,
        count(e.id) filter (where e.status = 'failed')::int as failed,
        (count(*) filter (where d.channel = 'off')
          + count(*) filter (where d.channel = 'email' and exists (select 1 from email_preferences ep where ep.user_id = d.user_id and ep.topic = 'announcements' and not ep.enabled)))::int as off,
        count(*) filter (where d.channel = 'digest')::int as digest,
        count(n.read_at)::int as read
      from announcement_deliveries d
      left join email_outbox e on e.id = d.email_id
      left join notifications n on n.id = d.notification_id
      where d.announcement_id = ${id}`),
  );
  return row ?? { people: 0, queued: 0, sent: 0, failed: 0, off: 0, digest: 0, read: 0 };
}

export async function recipientCount(db: Queryable, announcement: Announcement): Promise<number> {
  return countRecipients(db, announcement.segment, announcement.organisationId);
}

/**
 * Sends an announcement now: the guarded status change claims it (a second click, or the job at
 * the same moment, finds nothing to claim), then one statement queues every notice and email.
 */
async function sendClaimed(tx: Queryable, row: Announcement, actorId: string | null): Promise<number> {
  const count = await queueAnnouncement(tx, row);
  await tx.update(announcements).set({ recipients: count }).where(eq(announcements.id, row.id));
  await recordAudit(tx, {
    actor: actorId ? { id: actorId } : null,
    action: "announcement.sent",
    entityType: "announcement",
    entityId: row.id,
    organisationId: row.organisationId,
    details: { recipients: count },
  });
  return count;
}

export async function sendAnnouncementNow(db: Db, actor: Actor, id: string): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(announcements)
      .set({ status: "sent", queuedAt: new Date(), sendAt: new Date(), updatedAt: new Date() })
      .where(and(scoped(actor, id), inArray(announcements.status, ["draft", "scheduled"])))
      .returning();
    if (!row) throw new UserError("communication.errors.already_sent", "_form", {}, 409);
    return sendClaimed(tx, row, actor.id);
  });
}

/** Schedules for a wall-clock time in the author's time zone; the jobs send it when it comes. */
export async function scheduleAnnouncement(db: Db, actor: Actor, id: string, sendAtLocal: string): Promise<Date> {
  const zone = await timeZoneOf(db, actor.id);
  const at = fromLocalInput(sendAtLocal, zone);
  if (!at) throw new UserError("communication.errors.send_at", "sendAt");
  if (at.getTime() < Date.now() - 60_000) throw new UserError("communication.errors.send_at_past", "sendAt");
  const [row] = await db
    .update(announcements)
    .set({ status: "scheduled", sendAt: at, updatedAt: new Date() })
    .where(and(scoped(actor, id), inArray(announcements.status, ["draft", "scheduled"])))
    .returning({ id: announcements.id });
  if (!row) throw new UserError("communication.errors.already_sent", "_form", {}, 409);
  return at;
}

/** Back to draft: a scheduled announcement that should not go yet. */
export async function unscheduleAnnouncement(db: Db, actor: Actor, id: string): Promise<void> {
  const [row] = await db
    .update(announcements)
    .set({ status: "draft", sendAt: null, updatedAt: new Date() })
    .where(and(scoped(actor, id), eq(announcements.status, "scheduled")))
    .returning({ id: announcements.id });
  if (!row) throw new UserError("communication.errors.already_sent", "_form", {}, 409);
}

/**
 * The job: sends scheduled announcements whose time has come. Each is claimed with SKIP LOCKED
 * and a guarded status change in its own transaction, so two processes never send one twice.
 */
export async function sendDueAnnouncements(db: Db, opts: { limit?: number } = {}): Promise<{ sent: number; recipients: number }> {
  let sent = 0;
  let recipients = 0;
  for (let i = 0; i < (opts.limit ?? 10); i++) {
    const done = await db.transaction(async (tx) => {
      const [row] = rowsOf<{ id: string }>(
        await tx.execute(sql`select id from announcements where status = 'scheduled' and send_at <= now()
          order by send_at limit 1 for update skip locked`),
      );
      if (!row) return null;
      const [claimed] = await tx
        .update(announcements)
        .set({ status: "sent", queuedAt: new Date(), updatedAt: new Date() })
        .where(and(eq(announcements.id, row.id), eq(announcements.status, "scheduled")))
        .returning();
      if (!claimed) return 0;
      return sendClaimed(tx, claimed, null);
    });
    if (done === null) break;
    sent++;
    recipients += done;
  }
  return { sent, recipients };
}

/**
 * An announcement as a recipient reads it: only if it reached them (their delivery row), in
 * their language or else English. Opening it marks its inbox notice read.
 */
export async function readAnnouncement(db: Queryable, actor: Actor, id: string, locale: Locale) {
  if (!isId(id)) return null;
  const [delivery] = await db
    .select({ notificationId: announcementDeliveries.notificationId, link: announcements.link, queuedAt: announcements.queuedAt })
    .from(announcementDeliveries)
    .innerJoin(announcements, eq(announcements.id, announcementDeliveries.announcementId))
    .where(and(eq(announcementDeliveries.announcementId, id), eq(announcementDeliveries.userId, actor.id)))
    .limit(1);
  if (!delivery) return null;
  const contents = await db.select().from(announcementContents).where(eq(announcementContents.announcementId, id));
  const content = contents.find((c) => c.locale === locale) ?? contents.find((c) => c.locale === "en") ?? contents[0];
  if (!content) return null;
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, delivery.notificationId), sql`${notifications.readAt} is null`));
  return { title: content.title, html: content.bodyHtml, link: delivery.link, sentAt: delivery.queuedAt };
}

/** What the segment form offers: regions and partners (manufacturer staff only), hobbies. */
export async function segmentOptions(db: Queryable, actor: Actor) {
  const named = await db
    .select({ id: shopCategories.id, nameEn: shopCategories.nameEn })
    .from(shopCategories)
    .orderBy(asc(shopCategories.nameEn));
  // Hobby names in the author's language where translated.
  const hobbies = await localise(db, "shop_category", named, { nameEn: "name" }, actor.locale ?? DEFAULT_LOCALE);
  const attach = await attachOptions(db, actor);
  if (!isManufacturer(actor)) return { regions: [], partners: [], hobbies, attach };
  const partners = await db
    .select({ id: organisations.id, name: organisations.name, region: organisations.region })
    .from(organisations)
    .where(and(eq(organisations.active, true), sql`${organisations.kind} <> 'manufacturer'`))
    .orderBy(asc(organisations.name))
    .limit(500);
  const regions = [...new Set(partners.map((p) => p.region).filter(Boolean))].sort();
  return { regions, partners: partners.map(({ id, name }) => ({ id, name })), hobbies, attach };
}

/** One item an announcement can carry, named in the author's language where translated. */
export type Attachable = { path: string; label: string };

/**
 * What an announcement can carry as its call to action, picked from a list instead of typed:
 * contests still running or about to start, published courses, and rewards on sale, each as the
 * portal address it opens. Each list is the author's own view (listContests, listCoursesFor,
 * rewardVisibleTo), so a partner executive is offered only what their people can open.
 */
export async function attachOptions(db: Queryable, actor: Actor) {
  const now = new Date();
  const [contestList, courseList, rewardList] = await Promise.all([
    listContests(db, actor),
    listCoursesFor(db, actor),
    db
      .select({ id: rewards.id, name: rewards.name })
      .from(rewards)
      .where(and(eq(rewards.active, true), rewardVisibleTo(actor)))
      .orderBy(asc(rewards.name))
      .limit(300),
  ]);
  return {
    contests: contestList
      .filter((c) => !c.closedAt && c.endsAt > now)
      .slice(0, 100)
      .map((c): Attachable => ({ path: `/contests/${c.id}`, label: c.name })),
    courses: courseList.slice(0, 100).map((c): Attachable => ({ path: `/learn/courses/${c.id}`, label: c.title })),
    rewards: (await localise(db, "reward", rewardList, ["name"], actor.locale ?? DEFAULT_LOCALE)).map(
      (r): Attachable => ({ path: `/shop/rewards/${r.id}`, label: r.name }),
    ),
  };
}
