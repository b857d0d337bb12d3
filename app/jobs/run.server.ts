import type { Db } from "@db/client";
import { purgeExpiredThrottles } from "~/domain/auth/throttle.server";
import { closeDueContests } from "~/domain/contests/contests.server";
import { sendExpiryWarnings } from "~/domain/points/expiry-warnings.server";
import { expireDuePoints } from "~/domain/points/ledger.server";
import { deliverDueEmails } from "~/domain/mail/outbox.server";
import { notifyReachableWishes } from "~/domain/shop/wishes.server";
import { runTrainingJobs } from "~/domain/training/jobs.server";

/** Every periodic job, in order. Each is safe to run twice and from two processes at once. */
export async function runDueJobs(db: Db) {
  const contests = await closeDueContests(db);
  // Expire what is due first, then warn about what is coming, so a lot is never both.
  const expiry = await expireDuePoints(db);
  const expiryWarnings = await sendExpiryWarnings(db);
  // Before mail delivery, so this run already sends what they queue.
  const wishes = await notifyReachableWishes(db);
  const training = await runTrainingJobs(db);
  const mail = await deliverDueEmails(db);
  const throttles = await purgeExpiredThrottles(db);
  return { contests, expiry, expiryWarnings, wishes, training, mail, throttles };
}
