CREATE TABLE "report_programme_claim_days" (
	"day" date NOT NULL,
	"status" "claim_status" NOT NULL,
	"shard" smallint NOT NULL,
	"claims" integer NOT NULL,
	"points" bigint NOT NULL,
	CONSTRAINT "report_programme_claim_days_day_status_shard_pk" PRIMARY KEY("day","status","shard")
);
--> statement-breakpoint
CREATE TABLE "report_programme_claim_decisions" (
	"day" date NOT NULL,
	"status" "claim_status" NOT NULL,
	"shard" smallint NOT NULL,
	"claims" integer NOT NULL,
	"points" bigint NOT NULL,
	"cycle_seconds" numeric NOT NULL,
	CONSTRAINT "report_programme_claim_decisions_day_status_shard_pk" PRIMARY KEY("day","status","shard")
);
--> statement-breakpoint
CREATE TABLE "report_programme_lot_months" (
	"month" date NOT NULL,
	"shard" smallint NOT NULL,
	"points" bigint NOT NULL,
	CONSTRAINT "report_programme_lot_months_month_shard_pk" PRIMARY KEY("month","shard")
);
--> statement-breakpoint
CREATE TABLE "report_programme_months" (
	"month" date NOT NULL,
	"kind" "ledger_kind" NOT NULL,
	"shard" smallint NOT NULL,
	"points" bigint NOT NULL,
	"entries" integer NOT NULL,
	CONSTRAINT "report_programme_months_month_kind_shard_pk" PRIMARY KEY("month","kind","shard")
);
--> statement-breakpoint
-- custom: report_programme
-- The programme-wide months (db/schema/report-rollups.ts), kept like report_ledger_months and
-- report_lot_months (migration 0036) by statement-level triggers in the transaction that appends
-- the entries or allocations, each person's rows in one of 16 shards. Upserts in key order.
CREATE FUNCTION report_programme_months_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_programme_months AS r (month, kind, shard, points, entries)
    SELECT date_trunc('month', created_at AT TIME ZONE 'UTC')::date, kind, hashtext(user_id::text) & 15, sum(amount), count(*)
    FROM new_entries GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (month, kind, shard)
    DO UPDATE SET points = r.points + excluded.points, entries = r.entries + excluded.entries;
  INSERT INTO report_programme_lot_months AS r (month, shard, points)
    SELECT date_trunc('month', expires_at AT TIME ZONE 'UTC')::date, hashtext(user_id::text) & 15, sum(amount)
    FROM new_entries WHERE amount > 0 AND expires_at IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (month, shard) DO UPDATE SET points = r.points + excluded.points;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_report_programme AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION report_programme_months_add();
--> statement-breakpoint
CREATE FUNCTION report_programme_lots_take() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_programme_lot_months AS r (month, shard, points)
    SELECT date_trunc('month', e.expires_at AT TIME ZONE 'UTC')::date, hashtext(e.user_id::text) & 15, -sum(a.points)
    FROM new_allocations a JOIN ledger_entries e ON e.id = a.lot_entry_id
    WHERE e.amount > 0 AND e.expires_at IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (month, shard) DO UPDATE SET points = r.points + excluded.points;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER ledger_allocations_report_programme AFTER INSERT ON ledger_allocations
  REFERENCING NEW TABLE AS new_allocations FOR EACH STATEMENT EXECUTE FUNCTION report_programme_lots_take();
--> statement-breakpoint
-- Backfill from what is already there (the triggers above count only what comes after).
INSERT INTO report_programme_months (month, kind, shard, points, entries)
  SELECT date_trunc('month', created_at AT TIME ZONE 'UTC')::date, kind, hashtext(user_id::text) & 15, sum(amount), count(*)
  FROM ledger_entries GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO report_programme_lot_months (month, shard, points)
  SELECT date_trunc('month', e.expires_at AT TIME ZONE 'UTC')::date, hashtext(e.user_id::text) & 15, sum(e.amount - coalesce(a.used, 0))
  FROM ledger_entries e
  LEFT JOIN (SELECT lot_entry_id, sum(points) AS used FROM ledger_allocations GROUP BY 1) a ON a.lot_entry_id = e.id
  WHERE e.amount > 0 AND e.expires_at IS NOT NULL
  GROUP BY 1, 2;
--> statement-breakpoint
-- The programme's claim days and decisions: the contribution of a set of claims (`source`, over
-- a trigger's transition tables) added (sign 1) or taken away (sign -1), each claim in the shard
-- of its id, with the same rules as report_claims_apply_sql (migration 0026).
CREATE FUNCTION report_programme_claims_sql(source text, sign integer) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[
    format($q$INSERT INTO report_programme_claim_days AS r (day, status, shard, claims, points)
      SELECT (c.submitted_at AT TIME ZONE 'UTC')::date, c.status, hashtext(c.id::text) & 15, %2$s * count(*), %2$s * sum(c.points)
      FROM %1$s c WHERE c.status <> 'draft' AND c.submitted_at IS NOT NULL
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (day, status, shard)
        DO UPDATE SET claims = r.claims + excluded.claims, points = r.points + excluded.points$q$, source, sign),
    format($q$INSERT INTO report_programme_claim_decisions AS r (day, status, shard, claims, points, cycle_seconds)
      SELECT (c.decided_at AT TIME ZONE 'UTC')::date, c.status, hashtext(c.id::text) & 15, %2$s * count(*), %2$s * sum(c.points),
        %2$s * coalesce(sum(extract(epoch FROM (c.decided_at - c.submitted_at))), 0)
      FROM %1$s c WHERE c.status IN ('approved', 'rejected') AND c.decided_at IS NOT NULL
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (day, status, shard)
        DO UPDATE SET claims = r.claims + excluded.claims, points = r.points + excluded.points,
          cycle_seconds = r.cycle_seconds + excluded.cycle_seconds$q$, source, sign)
  ]
$$;
--> statement-breakpoint
CREATE FUNCTION report_programme_claims_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  q text;
  moved constant text := $s$ FROM old_claims o JOIN new_claims n ON n.id = o.id
    WHERE (n.status, n.points, n.submitted_at, n.decided_at) IS DISTINCT FROM (o.status, o.points, o.submitted_at, o.decided_at))$s$;
BEGIN
  IF TG_OP = 'INSERT' THEN
    FOREACH q IN ARRAY report_programme_claims_sql('new_claims', 1) LOOP EXECUTE q; END LOOP;
  ELSIF TG_OP = 'DELETE' THEN
    FOREACH q IN ARRAY report_programme_claims_sql('old_claims', -1) LOOP EXECUTE q; END LOOP;
  ELSE
    FOREACH q IN ARRAY report_programme_claims_sql('(SELECT o.*' || moved, -1) LOOP EXECUTE q; END LOOP;
    FOREACH q IN ARRAY report_programme_claims_sql('(SELECT n.*' || moved, 1) LOOP EXECUTE q; END LOOP;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER claims_report_programme_insert AFTER INSERT ON claims
  REFERENCING NEW TABLE AS new_claims FOR EACH STATEMENT EXECUTE FUNCTION report_programme_claims_changed();
--> statement-breakpoint
CREATE TRIGGER claims_report_programme_update AFTER UPDATE ON claims
  REFERENCING OLD TABLE AS old_claims NEW TABLE AS new_claims FOR EACH STATEMENT EXECUTE FUNCTION report_programme_claims_changed();
--> statement-breakpoint
CREATE TRIGGER claims_report_programme_delete AFTER DELETE ON claims
  REFERENCING OLD TABLE AS old_claims FOR EACH STATEMENT EXECUTE FUNCTION report_programme_claims_changed();
--> statement-breakpoint
INSERT INTO report_programme_claim_days (day, status, shard, claims, points)
  SELECT (submitted_at AT TIME ZONE 'UTC')::date, status, hashtext(id::text) & 15, count(*), sum(points)
  FROM claims WHERE status <> 'draft' AND submitted_at IS NOT NULL GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO report_programme_claim_decisions (day, status, shard, claims, points, cycle_seconds)
  SELECT (decided_at AT TIME ZONE 'UTC')::date, status, hashtext(id::text) & 15, count(*), sum(points),
    coalesce(sum(extract(epoch FROM (decided_at - submitted_at))), 0)
  FROM claims WHERE status IN ('approved', 'rejected') AND decided_at IS NOT NULL GROUP BY 1, 2, 3;
