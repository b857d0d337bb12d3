import type { Db } from "@db/client";
import { purgeExpiredThrottles } from "~/domain/auth/throttle.server";
import { closeDueContests } from "~/domain/contests/contests.server";
import { sendExpiryWarnings } from "~/domain/points/expiry-warnings.server";
import { expireDuePoints } from "~/domain/points/ledger.server";
import { deliverDueEmails } from "~/domain/mail/outbox.server";
import { deliverDueSms } from "~/domain/sms/outbox.server";
import { sendDueAnnouncements } from "~/domain/communication/announcements.server";
import { sendWeeklyDigests } from "~/domain/communication/digest.server";
import { notifyReachableWishes } from "~/domain/shop/wishes.server";
import { runTrainingJobs } from "~/domain/training/jobs.server";
import { sendMonthlyReports } from "~/domain/reports/monthly-email.server";
import { runCostshareJobs } from "~/domain/costshare/jobs.server";
import { autoApproveMatched } from "~/domain/sellout/match.server";
import { runScheduledTierReview } from "~/domain/tiers/tiers.server";

/**
 * Every periodic job, in order. Each is safe to run twice and from two processes at once: every
 * piece of work is claimed (a row lock, a unique key or a lease) in the transaction that does it.
 * `shouldStop` (a server shutting down) is asked between jobs and between mails, so a stop
 * finishes the piece in hand and leaves the rest to the next run, here or in another process.
 */
export async function runDueJobs(db: Db, opts: { shouldStop?: () => boolean } = {}) {
  const stop = opts.shouldStop ?? (() => false);
  const contests = await closeDueContests(db);
  // Expire what is due first, then warn about what is coming, so a lot is never both.
  const expiry = stop() ? null : await expireDuePoints(db);
  const expiryWarnings = stop() ? null : await sendExpiryWarnings(db);
  // Before mail delivery, so this run already sends what they queue.
  const wishes = stop() ? null : await notifyReachableWishes(db);
  const training = stop() ? null : await runTrainingJobs(db);
  const monthlyReports = stop() ? null : await sendMonthlyReports(db);
  const costshare = stop() ? null : await runCostshareJobs(db);
  // Claims fully matched by sell-out data, when the programme approves those automatically.
  const sellout = stop() ? null : await autoApproveMatched(db);
  // The period's tier review (once per month or quarter), before mail delivery so its news goes out now.
  const tiers = stop() ? null : await runScheduledTierReview(db);
  // Scheduled announcements and last week's digests queue their mail before delivery runs.
  const announcements = stop() ? null : await sendDueAnnouncements(db);
  const digests = stop() ? null : await sendWeeklyDigests(db);
  const mail = stop() ? null : await deliverDueEmails(db, { shouldStop: stop });
  const sms = stop() ? null : await deliverDueSms(db, { shouldStop: stop });
  const throttles = stop() ? null : await purgeExpiredThrottles(db);
  return {
    contests,
    expiry,
    expiryWarnings,
    wishes,
    training,
    monthlyReports,
    costshare,
    sellout,
    tiers,
    announcements,
    digests,
    mail,
    sms,
    throttles,
  };
}
