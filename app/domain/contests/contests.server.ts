import { missingCoursesColumn, type RequiredCourse } from "../gates/requirements.server";
import { and, asc, desc, eq, inArray, isNull, ne, type SQL, sql } from "drizzle-orm";
import { missingCourses } from "../gates/requirements.server";
import { rowsOf, type Db, type Queryable, type Tx } from "@db/client";
import {
  contestEntries,
  contestPartners,
  contestPrizes,
  contestResults,
  contestScores,
  contests,
  organisations,
  users,
  type Contest,
} from "@db/schema";
import type { Role, Tier } from "@db/schema/enums";
import { type Actor, isManufacturer } from "~/lib/actor";
import { visibility } from "~/lib/permissions";
import { recordAudit } from "~/lib/audit.server";
import { config } from "~/lib/config.server";
import { UserError } from "~/lib/errors";
import { creditPoints } from "../points/ledger.server";
import { notify } from "../notifications/notify.server";
import {
  type Contribution,
  type Prize,
  boardName,
  contributionValue,
  graceEndsAt,
  isEligible,
  isVisibleTo,
  prizeFor,
  prizeZoneEnd,
  showsRealName,
} from "./rules";
import { isId } from "~/lib/ids";
import { inclusiveEndDay, isoDay } from "~/lib/dates";

export type ContestInput = {
  name: string;
  rules: string;
  startsAt: Date;
  endsAt: Date;
  graceDays: number;
  scope: Contest["scope"];
  tiers: Tier[];
  regions: string[];
  partnerIds: string[];
  roles: Role[];
  metric: Contest["metric"];
  productSkus: string[];
  ranking: Contest["ranking"];
  minScore: number;
  privacy: Contest["privacy"];
  prizes: Prize[];
};

export async function createContest(db: Db, actor: Actor, input: ContestInput) {
  if (input.endsAt <= input.startsAt) throw new UserError("contest.errors.period", "endsAt");
  const overlapping = input.prizes.some((p, i) => input.prizes.some((q, j) => i !== j && p.rankFrom <= q.rankTo && q.rankFrom <= p.rankTo));
  if (overlapping) throw new UserError("contest.errors.prizes_overlap", "prizes");
  const partnerIds = input.scope === "list" ? [...new Set(input.partnerIds)] : [];
  if (partnerIds.length) {
    // Every listed partner must exist (an id from an old form, or typed by hand, is refused by its field, not by a foreign key).
    const found = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(inArray(organisations.id, partnerIds), ne(organisations.kind, "manufacturer")));
    if (found.length !== partnerIds.length) throw new UserError("errors.invalid", "partnerIds");
  }
  return db.transaction(async (tx) => {
    const { partnerIds: _listed, prizes, ...fields } = input;
    const [contest] = await tx
      .insert(contests)
      .values({ ...fields, createdBy: actor.id })
      .returning();
    if (partnerIds.length)
      await tx.insert(contestPartners).values(partnerIds.map((organisationId) => ({ contestId: contest.id, organisationId })));
    if (prizes.length) await tx.insert(contestPrizes).values(prizes.map((p) => ({ ...p, contestId: contest.id })));
    await recordAudit(tx, {
      actor,
      action: "contest.created",
      entityType: "contest",
      entityId: contest.id,
      details: { name: contest.name, metric: contest.metric, prizes },
    });
    await announceContest(tx, contest, partnerIds, prizes);
    return contest;
  });
}

/** Every active partner person the contest is open to gets a notice and an email, once. */
async function announceContest(tx: Tx, contest: Contest, partnerIds: string[], prizes: Prize[]) {
  const people = await tx
    .select({
      id: users.id,
      role: users.role,
      organisationId: users.organisationId,
      tier: organisations.tier,
      region: organisations.region,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(users.status, "active"), inArray(users.role, contest.roles)));
  const top = [...prizes].sort((a, b) => a.rankFrom - b.rankFrom)[0];
  for (const p of people) {
    if (!isEligible(contest, p, partnerIds)) continue;
    await notify(tx, {
      userId: p.id,
      topic: "contest_news" as const,
      titleKey: "contest.notice.new",
      vars: { contest: contest.name },
      link: `/contests/${contest.id}`,
      email: {
        template: "contest_announced",
        props: {
          contestName: contest.name,
          from: isoDay(contest.startsAt),
          to: inclusiveEndDay(contest.endsAt),
          metricKey: `contest.metric.${contest.metric}`,
          topPrize: top ? (top.points ? String(top.points) : top.description) : "",
          url: `${config.publicUrl}/contests/${contest.id}`,
        },
      },
    });
  }
}

async function listedPartners(db: Queryable, contestIds: string[]) {
  if (!contestIds.length) return new Map<string, string[]>();
  const rows = await db.select().from(contestPartners).where(inArray(contestPartners.contestId, contestIds));
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.contestId, [...(map.get(r.contestId) ?? []), r.organisationId]);
  return map;
}

/**
 * Contests with their listed partners and prizes (ordered by rank) in one statement: the home
 * page, the list and a contest's page each need all three, and every statement is a round trip.
 * The subqueries name the outer table literally ("contests"."id"): drizzle leaves columns
 * unqualified in a single-table select, and an unqualified "id" would bind to the inner table.
 */
async function contestsWithDetails(db: Queryable, where?: SQL, lockedFor?: string) {
  const rows = await db
    .select({
      contest: contests,
      partnerIds: sql<
        string[] | string
      >`(select coalesce(json_agg(cp.organisation_id), '[]'::json) from contest_partners cp where cp.contest_id = "contests"."id")`,
      prizes: sql<
        Prize[] | string
      >`(select coalesce(json_agg(json_build_object('rankFrom', p.rank_from, 'rankTo', p.rank_to, 'points', p.points, 'description', p.description) order by p.rank_from), '[]'::json) from contest_prizes p where p.contest_id = "contests"."id")`,
      // Training gates: the courses this person still has to complete before their sales count.
      locked: lockedFor
        ? missingCoursesColumn("contest", sql`"contests"."id"::text`, lockedFor)
        : sql<RequiredCourse[] | string>`'[]'::json`,
    })
    .from(contests)
    .where(where)
    .orderBy(desc(contests.startsAt));
  const json = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);
  return rows.map((r) => ({ ...r.contest, partnerIds: json(r.partnerIds), prizes: json(r.prizes), locked: json(r.locked) }));
}

/** Contests the actor may see: every one for manufacturer staff; for partners, see isVisibleTo. */
export async function listContests(db: Queryable, actor: Actor) {
  const all = await contestsWithDetails(db);
  if (isManufacturer(actor)) return all;
  return all.filter((c) => isVisibleTo(c, actor, c.partnerIds));
}

/** One contest with its prizes, or null when it does not exist or the partner user is not eligible. */
export async function getContest(db: Queryable, actor: Actor, id: string) {
  if (!isId(id)) return null;
  const [contest] = await contestsWithDetails(db, eq(contests.id, id), isManufacturer(actor) ? undefined : actor.id);
  if (!contest) return null;
  if (!isManufacturer(actor) && !isVisibleTo(contest, actor, contest.partnerIds)) return null;
  return contest;
}

export type ProgressEvent = Contribution & {
  userId: string;
  organisationId: string;
  role: Role;
  tier: Tier;
  region: string;
  /** The sale or pass date: it must fall inside the contest period. */
  occurredAt: Date;
  /** When the participant did it (claim submitted); on equal scores the earlier one ranks higher. */
  reachedAt: Date;
  sourceType: "claim" | "course";
  sourceId: string;
};

/**
 * Counts an approved claim or passed course toward every open contest it belongs to, in the
 * caller's transaction. Entries are unique per source, so approving twice counts once; a
 * contest past its grace period (or closed) takes nothing more.
 */
export async function recordContestProgress(tx: Tx, event: ProgressEvent, now = new Date()) {
  const candidates = await tx
    .select()
    .from(contests)
    .where(
      and(
        isNull(contests.closedAt),
        sql`${contests.startsAt} <= ${event.occurredAt.toISOString()}`,
        sql`${contests.endsAt} >= ${event.occurredAt.toISOString()}`,
        sql`${contests.endsAt} + make_interval(days => ${contests.graceDays}) >= ${now.toISOString()}`,
      ),
    )
    // One order for every transaction, so two approvals that count toward the same contests take
    // the contests' rows (and their participant counts) in the same order and never deadlock.
    .orderBy(contests.id)
    .for("share");
  const lists = await listedPartners(
    tx,
    candidates.map((c) => c.id),
  );
  // Training gates: a contest that requires a course counts only people holding its certificate.
  const locked = await missingCourses(
    tx,
    event.userId,
    "contest",
    candidates.map((c) => c.id),
  );
  const counted: string[] = [];
  for (const contest of candidates) {
    if (!isEligible(contest, event, lists.get(contest.id) ?? [])) continue;
    if (locked.has(contest.id)) continue;
    const value = contributionValue(contest, event);
    if (value <= 0) continue;
    const participantId = contest.ranking === "team" ? event.organisationId : event.userId;
    const [entry] = await tx
      .insert(contestEntries)
      .values({
        contestId: contest.id,
        participantId,
        userId: event.userId,
        organisationId: event.organisationId,
        sourceType: event.sourceType,
        sourceId: event.sourceId,
        value,
        occurredAt: event.reachedAt,
      })
      .onConflictDoNothing()
      .returning({ id: contestEntries.id });
    if (!entry) continue;
    await tx
      .insert(contestScores)
      .values({ contestId: contest.id, participantId, organisationId: event.organisationId, score: value, reachedAt: event.reachedAt })
      .onConflictDoUpdate({
        target: [contestScores.contestId, contestScores.participantId],
        set: {
          score: sql`${contestScores.score} + ${value}`,
          reachedAt: sql`greatest(${contestScores.reachedAt}, ${event.reachedAt.toISOString()}::timestamptz)`,
        },
      });
    counted.push(contest.id);
  }
  return counted;
}

type BoardRow = {
  participantId: string;
  organisationId: string;
  score: number;
  reachedAt: Date;
  rank: number;
  name: string;
  organisationName: string;
};

/** Top of the board plus the viewer's own position, the gap to the next place and to the prize zone. */
type Standing = {
  participants: number;
  me: { rank: number; score: number; gapToNext: number | null; gapToPrize: number | null } | null;
};

/**
 * How many on a contest's board have a higher score than `score`: everyone in a higher band
 * (contest_score_bands, kept by triggers in the transaction that changes a score; a few hundred
 * rows at most) plus those above the score inside its own band (a short range of
 * contest_scores_board_idx). Counting everyone ahead along the index instead read ~50,000 entries
 * for someone in the middle of a 100,000-person board: most of /home's database time.
 */
function aheadByScore(contestId: SQL, score: SQL): SQL {
  return sql`(coalesce((select sum(b.participants) from contest_score_bands b
      where b.contest_id = ${contestId} and b.band > contest_score_band(${score})), 0)
    + (select count(*) from contest_scores a where a.contest_id = ${contestId}
      and a.score > ${score} and a.score < contest_score_band_end(${score})))`;
}

/**
 * The place on a contest's board of the entry `m` (an alias of a contest_scores row): 1 + those
 * with a higher score (aheadByScore) + those with the same score reached earlier (or, reached at
 * the same instant, with a smaller participant id): the board's own order. The one way every
 * page counts a place (the board, /home, the reports' standings).
 */
export function placeOnBoard(contestId: SQL, m: string): SQL {
  const e = sql.raw(m);
  return sql`(1 + ${aheadByScore(contestId, sql`${e}.score`)}
    + (select count(*) from contest_scores t where t.contest_id = ${contestId} and t.score = ${e}.score
         and (t.reached_at, t.participant_id) < (${e}.reached_at, ${e}.participant_id)))`;
}

/**
 * The viewer's place in each of several contests, in one statement: the participant count ("N"
 * in "place X of N", read from contest_participant_counts, which a trigger keeps in the
 * transaction that adds or removes a board entry; never cached in the process, so several
 * processes agree), their score, the rank as 1 + those ahead by score (aheadByScore)
 * + one index range count (same score but reached earlier), the score of the one directly ahead and the
 * last prize winner's score. Each is a short walk along contest_scores_board_idx, never a scan.
 */
async function standings(db: Queryable, wanted: Array<{ id: string; meId: string; prizes: readonly Prize[] }>): Promise<Standing[]> {
  if (!wanted.length) return [];
  const list = sql.join(
    wanted.map((w, i) => sql`(${i}::int, ${w.id}::uuid, ${w.meId}::uuid, ${prizeZoneEnd(w.prizes)}::int)`),
    sql`, `,
  );
  const rows = rowsOf<{
    i: number;
    participants: number | string | null;
    score: number | string | null;
    ahead: number | string | null;
    next_score: number | string | null;
    zone_score: number | string | null;
  }>(
    await db.execute(sql`
      select w.i, pc.participants, m.score,
        ${placeOnBoard(sql`w.id`, "m")} - 1 as ahead,
        coalesce(
          (select s.score from contest_scores s where s.contest_id = w.id and s.score = m.score
             and (s.reached_at, s.participant_id) < (m.reached_at, m.participant_id)
           order by s.score desc, s.reached_at desc, s.participant_id desc limit 1),
          (select s.score from contest_scores s where s.contest_id = w.id and s.score > m.score
           order by s.score asc, s.reached_at desc, s.participant_id desc limit 1)) as next_score,
        case when w.zone > 0 and m.score is not null then
          (select s.score from contest_scores s where s.contest_id = w.id
           order by s.score desc, s.reached_at asc, s.participant_id asc offset w.zone - 1 limit 1) end as zone_score
      from (values ${list}) as w(i, id, me, zone)
      left join contest_participant_counts pc on pc.contest_id = w.id
      left join contest_scores m on m.contest_id = w.id and m.participant_id = w.me
      order by w.i`),
  );
  return rows.map((r, i) => {
    const zone = prizeZoneEnd(wanted[i].prizes);
    let me: Standing["me"] = null;
    if (r.score !== null) {
      const score = Number(r.score);
      const rank = Number(r.ahead) + 1;
      me = {
        rank,
        score,
        // Points needed to pass the one ahead (an equal score is not enough: they got there first).
        gapToNext: rank > 1 && r.next_score !== null ? Number(r.next_score) - score + 1 : null,
        gapToPrize: zone === 0 ? null : rank <= zone ? 0 : r.zone_score !== null ? Math.max(0, Number(r.zone_score) - score + 1) : null,
      };
    }
    return { participants: Number(r.participants ?? 0), me };
  });
}

export async function leaderboard(db: Queryable, actor: Actor, contest: Contest & { prizes: Prize[] }, top = 10) {
  const rows = rowsOf<{
    participant_id: string;
    organisation_id: string;
    score: number;
    reached_at: string | Date;
    rank: string | number;
    person_name: string | null;
    org_name: string;
  }>(
    await db.execute(sql`
      select s.participant_id, s.organisation_id, s.score, s.reached_at,
        row_number() over (order by s.score desc, s.reached_at asc, s.participant_id asc) as rank,
        u.name as person_name, o.name as org_name
      from (select * from contest_scores where contest_id = ${contest.id} order by score desc, reached_at asc, participant_id asc limit ${top}) s
      left join users u on u.id = s.participant_id
      join organisations o on o.id = s.organisation_id
      order by rank`),
  );
  const toRow = (r: (typeof rows)[number]): BoardRow => ({
    participantId: r.participant_id,
    organisationId: r.organisation_id,
    score: Number(r.score),
    reachedAt: new Date(r.reached_at),
    rank: Number(r.rank),
    name: r.person_name ?? r.org_name,
    organisationName: r.org_name,
  });
  const board = rows.map(toRow);
  const meId = contest.ranking === "team" ? actor.organisationId : actor.id;
  const [{ participants, me }] = await standings(db, [{ id: contest.id, meId, prizes: contest.prizes }]);
  // A partner's executive or manager sees their own people by name (and may trace their scores).
  const viewer = {
    id: actor.id,
    organisationId: actor.organisationId,
    seesOwnPeople: visibility(actor, "contest_scores") === "organisation",
  };
  return {
    // The count may be half a minute old; never let it read "place 2 of 1".
    participants: Math.max(participants, me?.rank ?? 0, board.length),
    me,
    board: board.map((r) => {
      const named = showsRealName(viewer, contest.ranking, r);
      return {
        rank: r.rank,
        score: r.score,
        isMe: r.participantId === meId,
        prize: prizeFor(r.rank, contest.prizes),
        qualified: r.score >= contest.minScore,
        name: named ? r.name : boardName(contest.privacy, contest.ranking, r),
        /** Set for rows the viewer may trace: their own, and a lead's own people. */
        traceId: named ? r.participantId : null,
      };
    }),
  };
}

/** What made a score: the counted claims or courses, newest first. Partners trace only their own. */
export async function traceScore(db: Queryable, actor: Actor, contestId: string, participantId: string) {
  if (!isId(participantId) || !isId(contestId)) return null;
  const own = participantId === actor.id || participantId === actor.organisationId;
  // Whose scores: the "contest_scores" visibility rule (a partner's leads: their own people's).
  const seen = visibility(actor, "contest_scores");
  if (seen === "own" && !own) return null;
  if (seen === "organisation" && !own) {
    const [person] = await db.select({ organisationId: users.organisationId }).from(users).where(eq(users.id, participantId));
    if (person?.organisationId !== actor.organisationId) return null;
  }
  return db
    .select({
      sourceType: contestEntries.sourceType,
      sourceId: contestEntries.sourceId,
      value: contestEntries.value,
      occurredAt: contestEntries.occurredAt,
      countedAt: contestEntries.countedAt,
      userName: users.name,
    })
    .from(contestEntries)
    .innerJoin(users, eq(users.id, contestEntries.userId))
    .where(and(eq(contestEntries.contestId, contestId), eq(contestEntries.participantId, participantId)))
    .orderBy(desc(contestEntries.occurredAt));
}

/**
 * Closes a contest once its grace period is over: final ranks by the one ordering, point prizes
 * credited through the ledger (source = the contest, so closing twice credits nothing more),
 * results stored and everyone told. The contest row lock keeps late approvals out meanwhile.
 */
export async function closeContest(db: Db, contestId: string, actor: Actor | null, now = new Date()) {
  return db.transaction(async (tx) => {
    const [contest] = await tx.select().from(contests).where(eq(contests.id, contestId)).for("update");
    if (!contest) throw new UserError("common.not_found", undefined, undefined, 404);
    if (contest.closedAt) return { closed: false, alreadyClosed: true, winners: 0 };
    if (now <= graceEndsAt(contest))
      throw new UserError("contest.errors.not_due", undefined, { date: graceEndsAt(contest).toISOString() }, 409);
    const prizes = await tx.select().from(contestPrizes).where(eq(contestPrizes.contestId, contestId));
    const scores = await tx
      .select({ participantId: contestScores.participantId, organisationId: contestScores.organisationId, score: contestScores.score })
      .from(contestScores)
      .where(eq(contestScores.contestId, contestId))
      .orderBy(desc(contestScores.score), asc(contestScores.reachedAt), asc(contestScores.participantId));
    let winners = 0;
    for (const [i, s] of scores.entries()) {
      const rank = i + 1;
      const prize = s.score >= contest.minScore ? prizeFor(rank, prizes) : null;
      await tx.insert(contestResults).values({
        contestId,
        rank,
        participantId: s.participantId,
        organisationId: s.organisationId,
        score: s.score,
        prizePoints: prize?.points ?? 0,
        prizeDescription: prize?.description ?? "",
      });
      // Team prizes go to each member who contributed; individual prizes to the winner.
      const recipients =
        contest.ranking === "team"
          ? (
              await tx
                .selectDistinct({ userId: contestEntries.userId })
                .from(contestEntries)
                .where(and(eq(contestEntries.contestId, contestId), eq(contestEntries.participantId, s.participantId)))
            ).map((r) => r.userId)
          : [s.participantId];
      if (prize) winners++;
      for (const userId of recipients) {
        if (prize && prize.points > 0) {
          await creditPoints(tx, {
            userId,
            organisationId: s.organisationId,
            kind: "earn",
            sourceType: "contest",
            sourceId: contestId,
            amount: prize.points,
            descriptionKey: "contest.desc.prize",
            descriptionVars: { contest: contest.name, rank },
            calculation: [{ key: "contest.calc.prize", vars: { rank, points: prize.points } }],
          });
        }
        await notify(tx, {
          userId,
          topic: "contest_news" as const,
          titleKey: prize ? "contest.notice.won" : "contest.notice.result",
          vars: { contest: contest.name, rank, score: s.score, points: prize?.points ?? 0, prize: prize?.description ?? "" },
          link: `/contests/${contestId}`,
          email: {
            template: "contest_result",
            props: {
              contestName: contest.name,
              rank,
              score: s.score,
              prizePoints: prize?.points ?? 0,
              prizeDescription: prize?.description ?? "",
              participants: scores.length,
              url: `${config.publicUrl}/contests/${contestId}`,
            },
          },
        });
      }
    }
    await tx.update(contests).set({ closedAt: now }).where(eq(contests.id, contestId));
    await recordAudit(tx, {
      actor,
      action: "contest.closed",
      entityType: "contest",
      entityId: contestId,
      details: { participants: scores.length, winners },
    });
    return { closed: true, alreadyClosed: false, winners };
  });
}

/** The closing job: every contest whose grace period has ended. */
export async function closeDueContests(db: Db, now = new Date()) {
  const due = await db
    .select({ id: contests.id })
    .from(contests)
    .where(and(isNull(contests.closedAt), sql`${contests.endsAt} + make_interval(days => ${contests.graceDays}) < ${now.toISOString()}`));
  let closed = 0;
  for (const c of due) if ((await closeContest(db, c.id, null, now)).closed) closed++;
  return { closed };
}

export async function contestResultsFor(db: Queryable, contestId: string, limit = 50) {
  return db
    .select({
      rank: contestResults.rank,
      score: contestResults.score,
      prizePoints: contestResults.prizePoints,
      prizeDescription: contestResults.prizeDescription,
      participantId: contestResults.participantId,
      organisationName: organisations.name,
      personName: users.name,
    })
    .from(contestResults)
    .innerJoin(organisations, eq(organisations.id, contestResults.organisationId))
    .leftJoin(users, eq(users.id, contestResults.participantId))
    .where(eq(contestResults.contestId, contestId))
    .orderBy(asc(contestResults.rank))
    .limit(limit);
}

/** The actor's place in every contest still open to them, for the home page. */
export async function myOpenContests(db: Queryable, actor: Actor, now = new Date()) {
  const open = (await listContests(db, actor)).filter((c) => !c.closedAt && c.startsAt <= now && now <= graceEndsAt(c)).slice(0, 3);
  const places = await standings(
    db,
    open.map((c) => ({ id: c.id, meId: c.ranking === "team" ? actor.organisationId : actor.id, prizes: c.prizes })),
  );
  return open.map((c, i) => ({
    id: c.id,
    name: c.name,
    endsAt: c.endsAt,
    // The count may be half a minute old; never let it read "place 2 of 1".
    participants: Math.max(places[i].participants, places[i].me?.rank ?? 0),
    me: places[i].me,
  }));
}

/**
 * The viewer's standing in every contest open now, as one SQL expression (a JSON array) for a
 * page that gathers several things in one statement (the home page). It counts place and gap the
 * same way as `leaderboard` (two index range counts; the one directly ahead), on the viewer's own
 * row, or for a partner's executive on their organisation's best row. Eligibility stays in
 * `rules.ts`: filter the rows with `openContestsFor`.
 */
export function openContestStandingsSql(actor: Actor, opts: { bestOfOrganisation: boolean }): SQL {
  const mine = opts.bestOfOrganisation
    ? sql`(select x.participant_id, x.score, x.reached_at from contest_scores x where x.contest_id = c.id and x.organisation_id = ${actor.organisationId}
          order by x.score desc, x.reached_at asc, x.participant_id asc limit 1)`
    : sql`(select x.participant_id, x.score, x.reached_at from contest_scores x where x.contest_id = c.id
          and x.participant_id = case when c.ranking = 'team' then ${actor.organisationId}::uuid else ${actor.id}::uuid end)`;
  return sql`coalesce((select json_agg(t order by t.ends_at) from (
    select c.id, c.name, c.starts_at, c.ends_at, c.grace_days, c.scope, c.tiers, c.regions, c.roles, c.metric, c.ranking,
      coalesce((select array_agg(p.organisation_id) from contest_partners p where p.contest_id = c.id), '{}') as listed,
      coalesce((select n.participants from contest_participant_counts n where n.contest_id = c.id), 0) as participants,
      (select coalesce(max(z.rank_to), 0) from contest_prizes z where z.contest_id = c.id) as prize_zone,
      m.score,
      m.participant_id as participant_id,
      case when m.participant_id is null then null else ${placeOnBoard(sql`c.id`, "m")} end as rank,
      case when exists (select 1 from contest_scores a where a.contest_id = c.id and a.score = m.score
             and (a.reached_at, a.participant_id) < (m.reached_at, m.participant_id)) then 1
        else (select min(a.score) from contest_scores a where a.contest_id = c.id and a.score > m.score) - m.score + 1 end as gap_to_next
    from contests c
    left join lateral ${mine} m on true
    where c.closed_at is null and c.starts_at <= now() and c.ends_at + make_interval(days => c.grace_days) >= now()
    order by c.ends_at limit 10) t), '[]'::json)`;
}

export type OpenContestRow = {
  id: string;
  name: string;
  starts_at: string;
  ends_at: string;
  grace_days: number;
  scope: Contest["scope"];
  tiers: Tier[];
  regions: string[];
  roles: Role[];
  metric: Contest["metric"];
  ranking: Contest["ranking"];
  listed: string[];
  participants: number;
  prize_zone: number;
  score: number | null;
  participant_id: string | null;
  rank: number | null;
  gap_to_next: number | null;
};

/** The rows of `openContestStandingsSql` this person may see, and whether they compete in each. */
export function openContestsFor(actor: Actor, rows: OpenContestRow[]) {
  return rows
    .filter((r) => isVisibleTo(r, actor, r.listed))
    .map((r) => ({
      id: r.id,
      name: r.name,
      startsAt: new Date(r.starts_at),
      endsAt: new Date(r.ends_at),
      graceDays: r.grace_days,
      metric: r.metric,
      competes: isEligible(r, actor, r.listed),
      participants: Math.max(r.participants, r.rank ?? 0),
      rank: r.rank === null ? null : Number(r.rank),
      score: r.score,
      gapToNext: r.rank === 1 || r.gap_to_next === null ? null : Number(r.gap_to_next),
      inPrizeZone: r.rank !== null && r.prize_zone > 0 && r.rank <= r.prize_zone,
    }));
}
