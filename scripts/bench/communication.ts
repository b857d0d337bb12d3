/**
 * Announcement bench, called by scripts/bench.ts on its database of participants: how long one
 * announcement to everyone takes to queue (one INSERT ... SELECT per table), and how fast the
 * outbox drains it with several workers at once into a local SMTP server, next to the raw rate
 * of the same server (nodemailer straight to it, same concurrency, nothing else).
 */
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import type { Db } from "../../db/client";

const WORKERS = Number(process.env.BENCH_MAIL_WORKERS ?? 4);
const SAMPLE = Number(process.env.BENCH_MAIL_SAMPLE ?? 2000);

/** A local SMTP server that accepts and discards: what is measured is the sender, not a parser. */
async function sink() {
  let accepted = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      stream.on("end", () => {
        accepted++;
        callback();
      });
      stream.resume();
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, accepted: () => accepted, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export type MailFigures = {
  recipients: number;
  countMs: number;
  queueSeconds: number;
  queuedPerSecond: number;
  workers: number;
  drained: number;
  drainPerSecond: number;
  rawSmtpPerSecond: number;
};

export async function benchCommunication(db: Db): Promise<MailFigures> {
  const { createAnnouncement, sendAnnouncementNow } = await import("../../app/domain/communication/announcements.server");
  const { countRecipients, EMPTY_SEGMENT } = await import("../../app/domain/communication/segments.server");
  const { deliverDueEmails } = await import("../../app/domain/mail/outbox.server");
  const { actorByEmail } = await import("../../app/domain/auth/actor.server");

  await db.execute(sql`insert into users (organisation_id, email, name, role, status)
    select id, 'channel@bench.example', 'Bench Channel Manager', 'channel_manager', 'active' from organisations where kind = 'manufacturer' limit 1
    on conflict do nothing`);
  const author = await actorByEmail(db, "channel@bench.example");
  const smtp = await sink();
  try {
    // Raw SMTP: the same server, the same concurrency, one connection per message as the outbox makes.
    const raw = nodemailer.createTransport({ url: smtp.url });
    const rawCount = Math.min(SAMPLE, 1000);
    let sent = 0;
    let t = performance.now();
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (sent++ < rawCount)
          await raw.sendMail({
            from: "bench@bench.example",
            to: "reader@bench.example",
            subject: "Raw",
            html: "<p>Hello</p>",
            text: "Hello",
          });
      }),
    );
    const rawRate = rawCount / ((performance.now() - t) / 1000);

    t = performance.now();
    const people = await countRecipients(db, EMPTY_SEGMENT, null);
    const countMs = performance.now() - t;
    const id = await createAnnouncement(db, author, {
      contents: [
        { locale: "en", title: "Double points on drills", bodyMarkdown: "Until Friday every **drill** earns double points." },
        { locale: "ru", title: "Двойные баллы за дрели", bodyMarkdown: "До пятницы каждая **дрель** приносит двойные баллы." },
      ],
      link: null,
      segment: EMPTY_SEGMENT,
    });
    // Announcements default to the weekly digest (issue 13): everyone here chose "at once", the
    // heaviest case (a notice, an email and a delivery row each). One statement, as a reader's choice.
    await db.execute(sql`insert into email_topic_modes (user_id, topic, mode) select id, 'announcements', 'instant' from users
      on conflict (user_id, topic) do update set mode = 'instant'`);
    t = performance.now();
    const queued = await sendAnnouncementNow(db, author, id);
    const queueMs = performance.now() - t;
    // Quiet hours would hold part of it until 08:00 in each reader's zone; the drain is measured now.
    await db.execute(sql`update email_outbox set next_attempt_at = now() where status = 'pending'`);

    const before = smtp.accepted();
    t = performance.now();
    let delivered = 0;
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (delivered < SAMPLE) {
          const r = await deliverDueEmails(db, { smtpUrl: smtp.url, limit: 25 });
          delivered += r.sent;
          if (r.sent === 0) break;
        }
      }),
    );
    const drainSeconds = (performance.now() - t) / 1000;
    const drainRate = (smtp.accepted() - before) / drainSeconds;

    console.log(`\nAnnouncement to every participant (${people.toLocaleString("en")} people):`);
    console.log(`  recipient count (one SQL)          ${countMs.toFixed(0)} ms`);
    console.log(
      `  queue notices + emails (one stmt)  ${(queueMs / 1000).toFixed(2)} s for ${queued.toLocaleString("en")} (${Math.round(queued / (queueMs / 1000)).toLocaleString("en")}/s)`,
    );
    console.log(
      `  outbox drain, ${WORKERS} workers          ${drainRate.toFixed(0)} messages/s (${(smtp.accepted() - before).toLocaleString("en")} sent, rendered from react-email)`,
    );
    console.log(
      `  raw SMTP, same server, ${WORKERS} at a time ${rawRate.toFixed(0)} messages/s   drain/raw ${(drainRate / rawRate).toFixed(2)}x`,
    );
    return {
      recipients: queued,
      countMs: Math.round(countMs),
      queueSeconds: Number((queueMs / 1000).toFixed(2)),
      queuedPerSecond: Math.round(queued / (queueMs / 1000)),
      workers: WORKERS,
      drained: smtp.accepted() - before,
      drainPerSecond: Math.round(drainRate),
      rawSmtpPerSecond: Math.round(rawRate),
    };
  } finally {
    await smtp.close();
  }
}
