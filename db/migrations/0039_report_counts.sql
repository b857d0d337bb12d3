CREATE TABLE "report_active_counts" (
	"grain" text NOT NULL,
	"start" date NOT NULL,
	"organisation_id" uuid NOT NULL,
	"shard" smallint NOT NULL,
	"people" integer NOT NULL,
	CONSTRAINT "report_active_counts_grain_start_organisation_id_shard_pk" PRIMARY KEY("grain","start","organisation_id","shard")
);
--> statement-breakpoint
CREATE TABLE "report_active_programme" (
	"grain" text NOT NULL,
	"start" date NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "report_active_programme_grain_start_user_id_pk" PRIMARY KEY("grain","start","user_id")
);
--> statement-breakpoint
CREATE TABLE "report_approved_invoice_lines" (
	"organisation_id" uuid NOT NULL,
	"invoice_day" date NOT NULL,
	"product_id" uuid NOT NULL,
	"units" bigint NOT NULL,
	"points" bigint NOT NULL,
	CONSTRAINT "report_approved_invoice_lines_organisation_id_invoice_day_product_id_pk" PRIMARY KEY("organisation_id","invoice_day","product_id")
);
--> statement-breakpoint
CREATE INDEX "report_approved_invoice_lines_day_idx" ON "report_approved_invoice_lines" USING btree ("invoice_day","product_id");--> statement-breakpoint
-- custom: report_counts
-- Active people counted as they become active, and approved claim lines by invoice day, kept in
-- the transactions that write the ledger and the claims (issue 15: the channel team dashboard
-- read 85,000 day rows and every approved claim of the month on each request). Rows upserted in
-- key order, like the other summaries (migrations 0026, 0036, 0037).
ALTER TABLE report_active_programme ADD CONSTRAINT report_active_programme_grain_check
  CHECK (grain IN ('day', 'month', 'quarter', 'year'));
--> statement-breakpoint
ALTER TABLE report_active_counts ADD CONSTRAINT report_active_counts_grain_check
  CHECK (grain IN ('day', 'month', 'quarter', 'year'));
--> statement-breakpoint
-- The spans each appended statement makes active, per partner and programme-wide: ON CONFLICT
-- DO NOTHING ... RETURNING gives only the rows this transaction really added (a second
-- transaction adding the same person and span waits for the first and adds nothing, or adds it
-- if the first rolled back), and each adds one to its count. Per partner one row per span (as
-- report_ledger_months, per partner); programme-wide 16 shards by person.
CREATE OR REPLACE FUNCTION report_active_people_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH spans AS (
    SELECT DISTINCT g.grain, date_trunc(g.grain, e.created_at AT TIME ZONE 'UTC')::date AS start, e.organisation_id, e.user_id
    FROM new_entries e CROSS JOIN (VALUES ('day'), ('month'), ('quarter'), ('year')) AS g (grain)
    WHERE e.kind IN ('earn', 'redeem')
  ), added AS (
    INSERT INTO report_active_people (grain, start, organisation_id, user_id)
      SELECT grain, start, organisation_id, user_id FROM spans ORDER BY 1, 2, 3, 4
    ON CONFLICT DO NOTHING
    RETURNING grain, start, organisation_id
  ), added_programme AS (
    INSERT INTO report_active_programme (grain, start, user_id)
      SELECT DISTINCT grain, start, user_id FROM spans ORDER BY 1, 2, 3
    ON CONFLICT DO NOTHING
    RETURNING grain, start, user_id
  )
  INSERT INTO report_active_counts AS r (grain, start, organisation_id, shard, people)
    SELECT grain, start, organisation_id, shard, sum(n)::int FROM (
      SELECT grain, start, organisation_id, 0::smallint AS shard, count(*) AS n FROM added GROUP BY 1, 2, 3
      UNION ALL
      SELECT grain, start, '00000000-0000-0000-0000-000000000000'::uuid, (hashtext(user_id::text) & 15)::smallint, count(*)
        FROM added_programme GROUP BY 1, 2, 4
    ) c GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (grain, start, organisation_id, shard) DO UPDATE SET people = r.people + excluded.people;
  RETURN NULL;
END $$;
--> statement-breakpoint
INSERT INTO report_active_programme (grain, start, user_id)
  SELECT DISTINCT grain, start, user_id FROM report_active_people;
--> statement-breakpoint
INSERT INTO report_active_counts (grain, start, organisation_id, shard, people)
  SELECT grain, start, organisation_id, 0, count(*) FROM report_active_people GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO report_active_counts (grain, start, organisation_id, shard, people)
  SELECT grain, start, '00000000-0000-0000-0000-000000000000'::uuid, hashtext(user_id::text) & 15, count(*)
  FROM report_active_programme GROUP BY 1, 2, 4;
--> statement-breakpoint
-- Adds (sign 1) or takes away (sign -1) the lines of the APPROVED claims among `source` (a
-- relation or subquery over a trigger's transition tables) to report_approved_invoice_lines.
CREATE FUNCTION report_invoice_lines_sql(source text, sign integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$INSERT INTO report_approved_invoice_lines AS r (organisation_id, invoice_day, product_id, units, points)
    SELECT c.organisation_id, c.invoice_date, l.product_id, %2$s * coalesce(sum(l.quantity), 0), %2$s * coalesce(sum(l.points), 0)
    FROM %1$s c JOIN claim_lines l ON l.claim_id = c.id
    WHERE c.status = 'approved' AND c.invoice_date IS NOT NULL AND l.product_id IS NOT NULL
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (organisation_id, invoice_day, product_id)
      DO UPDATE SET units = r.units + excluded.units, points = r.points + excluded.points$q$, source, sign)
$$;
--> statement-breakpoint
CREATE FUNCTION report_invoice_claims_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  -- Only claims whose counted columns changed (most moves are between waiting statuses).
  moved constant text := $s$ FROM old_claims o JOIN new_claims n ON n.id = o.id
    WHERE (n.organisation_id, n.status, n.invoice_date) IS DISTINCT FROM (o.organisation_id, o.status, o.invoice_date)
      AND 'approved' IN (n.status, o.status))$s$;
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE report_invoice_lines_sql('new_claims', 1);
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE report_invoice_lines_sql('old_claims', -1);
  ELSE
    EXECUTE report_invoice_lines_sql('(SELECT o.*' || moved, -1);
    EXECUTE report_invoice_lines_sql('(SELECT n.*' || moved, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER claims_report_invoice_insert AFTER INSERT ON claims
  REFERENCING NEW TABLE AS new_claims FOR EACH STATEMENT EXECUTE FUNCTION report_invoice_claims_changed();
--> statement-breakpoint
CREATE TRIGGER claims_report_invoice_update AFTER UPDATE ON claims
  REFERENCING OLD TABLE AS old_claims NEW TABLE AS new_claims FOR EACH STATEMENT EXECUTE FUNCTION report_invoice_claims_changed();
--> statement-breakpoint
CREATE TRIGGER claims_report_invoice_delete AFTER DELETE ON claims
  REFERENCING OLD TABLE AS old_claims FOR EACH STATEMENT EXECUTE FUNCTION report_invoice_claims_changed();
--> statement-breakpoint
-- Lines added, changed or removed on an approved claim.
CREATE FUNCTION report_invoice_lines_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO report_approved_invoice_lines AS r (organisation_id, invoice_day, product_id, units, points)
      SELECT c.organisation_id, c.invoice_date, l.product_id, -coalesce(sum(l.quantity), 0), -coalesce(sum(l.points), 0)
      FROM old_lines l JOIN claims c ON c.id = l.claim_id
      WHERE c.status = 'approved' AND c.invoice_date IS NOT NULL AND l.product_id IS NOT NULL
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (organisation_id, invoice_day, product_id)
      DO UPDATE SET units = r.units + excluded.units, points = r.points + excluded.points;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO report_approved_invoice_lines AS r (organisation_id, invoice_day, product_id, units, points)
      SELECT c.organisation_id, c.invoice_date, l.product_id, coalesce(sum(l.quantity), 0), coalesce(sum(l.points), 0)
      FROM new_lines l JOIN claims c ON c.id = l.claim_id
      WHERE c.status = 'approved' AND c.invoice_date IS NOT NULL AND l.product_id IS NOT NULL
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (organisation_id, invoice_day, product_id)
      DO UPDATE SET units = r.units + excluded.units, points = r.points + excluded.points;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER claim_lines_report_invoice_insert AFTER INSERT ON claim_lines
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION report_invoice_lines_changed();
--> statement-breakpoint
CREATE TRIGGER claim_lines_report_invoice_update AFTER UPDATE ON claim_lines
  REFERENCING OLD TABLE AS old_lines NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION report_invoice_lines_changed();
--> statement-breakpoint
CREATE TRIGGER claim_lines_report_invoice_delete AFTER DELETE ON claim_lines
  REFERENCING OLD TABLE AS old_lines FOR EACH STATEMENT EXECUTE FUNCTION report_invoice_lines_changed();
--> statement-breakpoint
INSERT INTO report_approved_invoice_lines (organisation_id, invoice_day, product_id, units, points)
  SELECT c.organisation_id, c.invoice_date, l.product_id, coalesce(sum(l.quantity), 0), coalesce(sum(l.points), 0)
  FROM claims c JOIN claim_lines l ON l.claim_id = c.id
  WHERE c.status = 'approved' AND c.invoice_date IS NOT NULL AND l.product_id IS NOT NULL
  GROUP BY 1, 2, 3;
