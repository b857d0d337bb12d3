import type { Db } from "@db/client";
import { deliverDueEmails } from "~/domain/mail/outbox.server";
import { notifyReachableWishes } from "~/domain/shop/wishes.server";

/** Every periodic job, in order. Each is safe to run twice and from two processes at once. */
export async function runDueJobs(db: Db) {
  // Before mail delivery, so this run already sends what it queues.
  await notifyReachableWishes(db);
  const mail = await deliverDueEmails(db);
  return { mail };
}
