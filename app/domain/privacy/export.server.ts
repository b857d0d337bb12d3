import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@db/client";
import {
  certificates,
  claimEvents,
  claimFiles,
  claimLines,
  claims,
  courses,
  lessonProgress,
  notifications,
  orderLines,
  orders,
  organisations,
  quizAttempts,
  shopCategories,
  userHobbies,
  users,
  webinarAttendance,
  webinarRegistrations,
  webinars,
  wishlistItems,
} from "@db/schema";
import type { Actor } from "~/lib/actor";
import { recordAudit } from "~/lib/audit.server";
import { getBalance, pointsHistory } from "../points/ledger.server";
import { getEmailPreferences } from "../notifications/preferences.server";

export const EXPORT_FORMAT = "partner-portal-personal-data/1";

/**
 * Everything the portal keeps about the signed-in person, as one JSON document (their right of
 * access and portability). Every query is keyed on the actor's own id, never on input, so nobody
 * can ask for someone else's; the download itself is audited. Deliberately left out: password
 * hash, session and token rows (secrets, not data about them), digital reward codes (shown on the
 * order page and in the email), and other people's data on shared records (reviewers' notes stay).
 */
export async function exportPersonalData(db: Db, actor: Actor) {
  const me = actor.id;
  return db.transaction(async (tx) => {
    await recordAudit(tx, { actor, action: "user.data_exported", entityType: "user", entityId: me, organisationId: actor.organisationId });
    const [profile] = await tx
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        status: users.status,
        locale: users.locale,
        createdAt: users.createdAt,
        activatedAt: users.activatedAt,
      })
      .from(users)
      .where(eq(users.id, me));
    const [organisation] = await tx
      .select({
        id: organisations.id,
        name: organisations.name,
        kind: organisations.kind,
        region: organisations.region,
        tier: organisations.tier,
      })
      .from(organisations)
      .where(eq(organisations.id, actor.organisationId));

    const myClaims = await tx
      .select({
        id: claims.id,
        number: claims.number,
        status: claims.status,
        invoiceNumber: claims.invoiceNumber,
        invoiceDate: claims.invoiceDate,
        points: claims.points,
        creditedPoints: claims.creditedPoints,
        calculation: claims.calculation,
        decisionNote: claims.decisionNote,
        submittedAt: claims.submittedAt,
        decidedAt: claims.decidedAt,
        createdAt: claims.createdAt,
      })
      .from(claims)
      .where(eq(claims.userId, me))
      .orderBy(asc(claims.createdAt));
    const claimIds = myClaims.map((c) => c.id);
    const lines = claimIds.length
      ? await tx
          .select({
            claimId: claimLines.claimId,
            position: claimLines.position,
            sku: claimLines.sku,
            quantity: claimLines.quantity,
            serials: claimLines.serials,
            points: claimLines.points,
          })
          .from(claimLines)
          .where(inArray(claimLines.claimId, claimIds))
          .orderBy(asc(claimLines.position))
      : [];
    const files = claimIds.length
      ? await tx
          .select({
            claimId: claimFiles.claimId,
            originalName: claimFiles.originalName,
            mime: claimFiles.mime,
            size: claimFiles.size,
            uploadedAt: claimFiles.createdAt,
          })
          .from(claimFiles)
          .where(inArray(claimFiles.claimId, claimIds))
      : [];
    const events = claimIds.length
      ? await tx
          .select({ claimId: claimEvents.claimId, kind: claimEvents.kind, note: claimEvents.note, at: claimEvents.createdAt })
          .from(claimEvents)
          .where(inArray(claimEvents.claimId, claimIds))
          .orderBy(asc(claimEvents.createdAt))
      : [];
    const byClaim = <T extends { claimId: string }>(rows: T[], id: string) =>
      rows.filter((r) => r.claimId === id).map(({ claimId: _c, ...r }) => r);

    const myOrders = await tx
      .select({
        id: orders.id,
        number: orders.number,
        kind: orders.kind,
        status: orders.status,
        totalPoints: orders.totalPoints,
        recipientName: orders.recipientName,
        phone: orders.phone,
        addressLine: orders.addressLine,
        city: orders.city,
        postalCode: orders.postalCode,
        country: orders.country,
        carrier: orders.carrier,
        trackingNumber: orders.trackingNumber,
        cancelReason: orders.cancelReason,
        placedAt: orders.placedAt,
        deliveredAt: orders.deliveredAt,
        cancelledAt: orders.cancelledAt,
      })
      .from(orders)
      .where(eq(orders.userId, me))
      .orderBy(asc(orders.placedAt));
    const orderIds = myOrders.map((o) => o.id);
    const oLines = orderIds.length
      ? await tx
          .select({
            orderId: orderLines.orderId,
            reward: orderLines.rewardName,
            variant: orderLines.variantLabel,
            quantity: orderLines.quantity,
            unitPoints: orderLines.unitPoints,
          })
          .from(orderLines)
          .where(inArray(orderLines.orderId, orderIds))
      : [];

    return {
      format: EXPORT_FORMAT,
      exportedAt: new Date().toISOString(),
      profile,
      organisation: { ...organisation, role: actor.role },
      claims: myClaims.map((c) => ({ ...c, lines: byClaim(lines, c.id), evidence: byClaim(files, c.id), timeline: byClaim(events, c.id) })),
      points: {
        balance: await getBalance(tx, me),
        history: (await pointsHistory(tx, me, { limit: 1_000_000 })).map((e) => ({
          id: e.id,
          kind: e.kind,
          amount: e.amount,
          source: e.sourceType,
          sourceId: e.sourceId,
          description: e.descriptionKey,
          descriptionVars: e.descriptionVars,
          expiresAt: e.expiresAt,
          createdAt: e.createdAt,
        })),
      },
      orders: myOrders.map((o) => ({ ...o, lines: oLines.filter((l) => l.orderId === o.id).map(({ orderId: _o, ...l }) => l) })),
      training: {
        lessonsCompleted: await tx
          .select({ course: courses.title, lessonId: lessonProgress.lessonId, completedAt: lessonProgress.completedAt })
          .from(lessonProgress)
          .innerJoin(courses, eq(courses.id, lessonProgress.courseId))
          .where(eq(lessonProgress.userId, me)),
        quizAttempts: await tx
          .select({
            course: courses.title,
            startedAt: quizAttempts.startedAt,
            submittedAt: quizAttempts.submittedAt,
            scorePercent: quizAttempts.scorePercent,
            passed: quizAttempts.passed,
            answers: quizAttempts.answers,
          })
          .from(quizAttempts)
          .innerJoin(courses, eq(courses.id, quizAttempts.courseId))
          .where(eq(quizAttempts.userId, me))
          .orderBy(asc(quizAttempts.startedAt)),
        certificates: await tx
          .select({
            course: courses.title,
            number: certificates.number,
            issuedAt: certificates.issuedAt,
            expiresAt: certificates.expiresAt,
          })
          .from(certificates)
          .innerJoin(courses, eq(courses.id, certificates.courseId))
          .where(eq(certificates.userId, me)),
        webinarRegistrations: await tx
          .select({
            webinar: webinars.title,
            startsAt: webinars.startsAt,
            status: webinarRegistrations.status,
            registeredAt: webinarRegistrations.registeredAt,
            cancelledAt: webinarRegistrations.cancelledAt,
          })
          .from(webinarRegistrations)
          .innerJoin(webinars, eq(webinars.id, webinarRegistrations.webinarId))
          .where(eq(webinarRegistrations.userId, me)),
        webinarAttendance: await tx
          .select({
            webinar: webinars.title,
            method: webinarAttendance.method,
            minutes: webinarAttendance.minutes,
            recordedAt: webinarAttendance.recordedAt,
          })
          .from(webinarAttendance)
          .innerJoin(webinars, eq(webinars.id, webinarAttendance.webinarId))
          .where(eq(webinarAttendance.userId, me)),
      },
      shop: {
        hobbies: (
          await tx
            .select({ slug: shopCategories.slug })
            .from(userHobbies)
            .innerJoin(shopCategories, eq(shopCategories.id, userHobbies.categoryId))
            .where(eq(userHobbies.userId, me))
        ).map((h) => h.slug),
        wishlist: await tx.select({ rewardId: wishlistItems.rewardId }).from(wishlistItems).where(eq(wishlistItems.userId, me)),
      },
      notificationPreferences: await getEmailPreferences(tx, me),
      notifications: await tx
        .select({
          topic: notifications.topic,
          title: notifications.titleKey,
          vars: notifications.vars,
          link: notifications.link,
          readAt: notifications.readAt,
          createdAt: notifications.createdAt,
        })
        .from(notifications)
        .where(eq(notifications.userId, me))
        .orderBy(asc(notifications.createdAt)),
    };
  });
}
