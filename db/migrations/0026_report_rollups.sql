CREATE TABLE "report_claim_days" (
	"organisation_id" uuid NOT NULL,
	"day" date NOT NULL,
	"status" "claim_status" NOT NULL,
	"claims" integer NOT NULL,
	"points" bigint NOT NULL,
	CONSTRAINT "report_claim_days_organisation_id_day_status_pk" PRIMARY KEY("organisation_id","day","status")
);
--> statement-breakpoint
CREATE TABLE "report_claim_decisions" (
	"organisation_id" uuid NOT NULL,
	"day" date NOT NULL,
	"status" "claim_status" NOT NULL,
	"claims" integer NOT NULL,
	"points" bigint NOT NULL,
	"cycle_seconds" numeric NOT NULL,
	CONSTRAINT "report_claim_decisions_organisation_id_day_status_pk" PRIMARY KEY("organisation_id","day","status")
);
--> statement-breakpoint
CREATE TABLE "report_claim_line_days" (
	"organisation_id" uuid NOT NULL,
	"day" date NOT NULL,
	"status" "claim_status" NOT NULL,
	"sku" text NOT NULL,
	"product_id" uuid,
	"units" bigint NOT NULL,
	"points" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_ledger_days" (
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"kind" "ledger_kind" NOT NULL,
	"source_type" text NOT NULL,
	"points" bigint NOT NULL,
	"entries" integer NOT NULL,
	CONSTRAINT "report_ledger_days_organisation_id_day_user_id_kind_source_type_pk" PRIMARY KEY("organisation_id","day","user_id","kind","source_type")
);
--> statement-breakpoint
CREATE INDEX "report_claim_days_day_idx" ON "report_claim_days" USING btree ("day");--> statement-breakpoint
CREATE INDEX "report_claim_decisions_day_idx" ON "report_claim_decisions" USING btree ("day");--> statement-breakpoint
CREATE INDEX "report_claim_line_days_day_idx" ON "report_claim_line_days" USING btree ("day");--> statement-breakpoint
CREATE INDEX "report_ledger_days_day_idx" ON "report_ledger_days" USING btree ("day","kind");--> statement-breakpoint
-- custom: report_rollups
-- The reports' summary tables are kept by statement-level triggers, in the transaction that
-- writes the source rows: every INSERT into the ledger (whatever function or credit kind appends
-- it) and every claim or claim-line change. One trigger call per statement, so a bulk insert is
-- one grouped upsert. Rows are upserted in key order so two transactions never lock the same
-- summary rows in opposite orders. A count that falls to zero stays as a zero row.
CREATE UNIQUE INDEX "report_claim_line_days_key" ON "report_claim_line_days" ("organisation_id", "day", "status", "sku", "product_id") NULLS NOT DISTINCT;
--> statement-breakpoint
CREATE FUNCTION report_ledger_days_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_ledger_days AS r (organisation_id, user_id, day, kind, source_type, points, entries)
    SELECT organisation_id, user_id, (created_at AT TIME ZONE 'UTC')::date, kind, source_type, sum(amount), count(*)
    FROM new_entries GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 3, 2, 4, 5
  ON CONFLICT (organisation_id, day, user_id, kind, source_type)
    DO UPDATE SET points = r.points + excluded.points, entries = r.entries + excluded.entries;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_report_rollup AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION report_ledger_days_add();
--> statement-breakpoint
-- Adds (sign 1) or takes away (sign -1) the contribution of a set of claims (`source`: a
-- relation or subquery over the trigger's transition tables, which only the trigger function
-- itself can read, hence EXECUTE there) to the three claim summaries; lines from claim_lines.
CREATE FUNCTION report_claims_apply_sql(source text, sign integer) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[
    format($q$INSERT INTO report_claim_days AS r (organisation_id, day, status, claims, points)
      SELECT c.organisation_id, (c.submitted_at AT TIME ZONE 'UTC')::date, c.status, %2$s * count(*), %2$s * sum(c.points)
      FROM %1$s c WHERE c.status <> 'draft' AND c.submitted_at IS NOT NULL
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (organisation_id, day, status)
        DO UPDATE SET claims = r.claims + excluded.claims, points = r.points + excluded.points$q$, source, sign),
    format($q$INSERT INTO report_claim_decisions AS r (organisation_id, day, status, claims, points, cycle_seconds)
      SELECT c.organisation_id, (c.decided_at AT TIME ZONE 'UTC')::date, c.status, %2$s * count(*), %2$s * sum(c.points),
        %2$s * coalesce(sum(extract(epoch FROM (c.decided_at - c.submitted_at))), 0)
      FROM %1$s c WHERE c.status IN ('approved', 'rejected') AND c.decided_at IS NOT NULL
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (organisation_id, day, status)
        DO UPDATE SET claims = r.claims + excluded.claims, points = r.points + excluded.points,
          cycle_seconds = r.cycle_seconds + excluded.cycle_seconds$q$, source, sign),
    format($q$INSERT INTO report_claim_line_days AS r (organisation_id, day, status, sku, product_id, units, points)
      SELECT c.organisation_id, (c.submitted_at AT TIME ZONE 'UTC')::date, c.status, l.sku, l.product_id,
        %2$s * coalesce(sum(l.quantity), 0), %2$s * sum(l.points)
      FROM %1$s c JOIN claim_lines l ON l.claim_id = c.id
      WHERE c.status <> 'draft' AND c.submitted_at IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (organisation_id, day, status, sku, product_id)
        DO UPDATE SET units = r.units + excluded.units, points = r.points + excluded.points$q$, source, sign)
  ]
$$;
--> statement-breakpoint
CREATE FUNCTION report_claims_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  q text;
  -- Only claims whose reported columns changed (a draft's edits, a reviewer's note move nothing).
  moved constant text := $s$ FROM old_claims o JOIN new_claims n ON n.id = o.id
    WHERE (n.organisation_id, n.status, n.points, n.submitted_at, n.decided_at)
      IS DISTINCT FROM (o.organisation_id, o.status, o.points, o.submitted_at, o.decided_at))$s$;
BEGIN
  IF TG_OP = 'INSERT' THEN
    FOREACH q IN ARRAY report_claims_apply_sql('new_claims', 1) LOOP EXECUTE q; END LOOP;
  ELSIF TG_OP = 'DELETE' THEN
    FOREACH q IN ARRAY report_claims_apply_sql('old_claims', -1) LOOP EXECUTE q; END LOOP;
  ELSE
    FOREACH q IN ARRAY report_claims_apply_sql('(SELECT o.*' || moved, -1) LOOP EXECUTE q; END LOOP;
    FOREACH q IN ARRAY report_claims_apply_sql('(SELECT n.*' || moved, 1) LOOP EXECUTE q; END LOOP;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER claims_report_rollup_insert AFTER INSERT ON claims
  REFERENCING NEW TABLE AS new_claims FOR EACH STATEMENT EXECUTE FUNCTION report_claims_changed();
--> statement-breakpoint
CREATE TRIGGER claims_report_rollup_update AFTER UPDATE ON claims
  REFERENCING OLD TABLE AS old_claims NEW TABLE AS new_claims FOR EACH STATEMENT EXECUTE FUNCTION report_claims_changed();
--> statement-breakpoint
CREATE TRIGGER claims_report_rollup_delete AFTER DELETE ON claims
  REFERENCING OLD TABLE AS old_claims FOR EACH STATEMENT EXECUTE FUNCTION report_claims_changed();
--> statement-breakpoint
-- Lines replaced on a claim that is not a draft (a returned claim sent again): take the old
-- lines out and put the new ones in, under the claim's status and first-submission day.
CREATE FUNCTION report_claim_lines_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO report_claim_line_days AS r (organisation_id, day, status, sku, product_id, units, points)
      SELECT c.organisation_id, (c.submitted_at AT TIME ZONE 'UTC')::date, c.status, l.sku, l.product_id,
        -coalesce(sum(l.quantity), 0), -sum(l.points)
      FROM old_lines l JOIN claims c ON c.id = l.claim_id
      WHERE c.status <> 'draft' AND c.submitted_at IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (organisation_id, day, status, sku, product_id)
      DO UPDATE SET units = r.units + excluded.units, points = r.points + excluded.points;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO report_claim_line_days AS r (organisation_id, day, status, sku, product_id, units, points)
      SELECT c.organisation_id, (c.submitted_at AT TIME ZONE 'UTC')::date, c.status, l.sku, l.product_id,
        coalesce(sum(l.quantity), 0), sum(l.points)
      FROM new_lines l JOIN claims c ON c.id = l.claim_id
      WHERE c.status <> 'draft' AND c.submitted_at IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (organisation_id, day, status, sku, product_id)
      DO UPDATE SET units = r.units + excluded.units, points = r.points + excluded.points;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER claim_lines_report_rollup_insert AFTER INSERT ON claim_lines
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION report_claim_lines_changed();
--> statement-breakpoint
CREATE TRIGGER claim_lines_report_rollup_update AFTER UPDATE ON claim_lines
  REFERENCING OLD TABLE AS old_lines NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION report_claim_lines_changed();
--> statement-breakpoint
CREATE TRIGGER claim_lines_report_rollup_delete AFTER DELETE ON claim_lines
  REFERENCING OLD TABLE AS old_lines FOR EACH STATEMENT EXECUTE FUNCTION report_claim_lines_changed();
--> statement-breakpoint
-- Backfill from what is already there (the triggers above count only what comes after).
INSERT INTO report_ledger_days (organisation_id, user_id, day, kind, source_type, points, entries)
  SELECT organisation_id, user_id, (created_at AT TIME ZONE 'UTC')::date, kind, source_type, sum(amount), count(*)
  FROM ledger_entries GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO report_claim_days (organisation_id, day, status, claims, points)
  SELECT organisation_id, (submitted_at AT TIME ZONE 'UTC')::date, status, count(*), sum(points)
  FROM claims WHERE status <> 'draft' AND submitted_at IS NOT NULL GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO report_claim_decisions (organisation_id, day, status, claims, points, cycle_seconds)
  SELECT organisation_id, (decided_at AT TIME ZONE 'UTC')::date, status, count(*), sum(points),
    coalesce(sum(extract(epoch FROM (decided_at - submitted_at))), 0)
  FROM claims WHERE status IN ('approved', 'rejected') AND decided_at IS NOT NULL GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO report_claim_line_days (organisation_id, day, status, sku, product_id, units, points)
  SELECT c.organisation_id, (c.submitted_at AT TIME ZONE 'UTC')::date, c.status, l.sku, l.product_id, coalesce(sum(l.quantity), 0), sum(l.points)
  FROM claims c JOIN claim_lines l ON l.claim_id = c.id
  WHERE c.status <> 'draft' AND c.submitted_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
