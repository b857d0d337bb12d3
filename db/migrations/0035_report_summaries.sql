CREATE TABLE "report_ledger_months" (
	"organisation_id" uuid NOT NULL,
	"month" date NOT NULL,
	"kind" "ledger_kind" NOT NULL,
	"points" bigint NOT NULL,
	"entries" integer NOT NULL,
	CONSTRAINT "report_ledger_months_organisation_id_month_kind_pk" PRIMARY KEY("organisation_id","month","kind")
);
--> statement-breakpoint
CREATE TABLE "report_lot_months" (
	"organisation_id" uuid NOT NULL,
	"month" date NOT NULL,
	"points" bigint NOT NULL,
	CONSTRAINT "report_lot_months_organisation_id_month_pk" PRIMARY KEY("organisation_id","month")
);
--> statement-breakpoint
CREATE INDEX "report_ledger_months_month_idx" ON "report_ledger_months" USING btree ("month","kind");--> statement-breakpoint
CREATE INDEX "report_lot_months_month_idx" ON "report_lot_months" USING btree ("month");--> statement-breakpoint
CREATE INDEX "report_ledger_days_active_idx" ON "report_ledger_days" USING btree ("day","user_id","organisation_id") WHERE "report_ledger_days"."kind" in ('earn', 'redeem');--> statement-breakpoint
-- custom: report_summaries
-- Two more summaries kept by statement-level triggers in the transaction that writes the source
-- rows, like report_ledger_days (migration 0026): entries by organisation, UTC month and kind
-- (breakage over twelve months), and what is left of the lots by organisation and the UTC month
-- they expire in (the liability's expiry profile): a lot adds its amount when appended, and every
-- allocation (a debit, or the expiry job, taking points from a lot; ledger_allocations is
-- append-only) takes its points away. Upserts in key order, so two transactions never lock the
-- same summary rows in opposite orders.
INSERT INTO report_ledger_months (organisation_id, month, kind, points, entries)
  SELECT organisation_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date, kind, sum(amount), count(*)
  FROM ledger_entries GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO report_lot_months (organisation_id, month, points)
  SELECT e.organisation_id, date_trunc('month', e.expires_at AT TIME ZONE 'UTC')::date, sum(e.amount - coalesce(a.used, 0))
  FROM ledger_entries e
  LEFT JOIN (SELECT lot_entry_id, sum(points) AS used FROM ledger_allocations GROUP BY 1) a ON a.lot_entry_id = e.id
  WHERE e.amount > 0 AND e.expires_at IS NOT NULL
  GROUP BY 1, 2;
--> statement-breakpoint
CREATE FUNCTION report_ledger_months_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_ledger_months AS r (organisation_id, month, kind, points, entries)
    SELECT organisation_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date, kind, sum(amount), count(*)
    FROM new_entries GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (organisation_id, month, kind)
    DO UPDATE SET points = r.points + excluded.points, entries = r.entries + excluded.entries;
  INSERT INTO report_lot_months AS r (organisation_id, month, points)
    SELECT organisation_id, date_trunc('month', expires_at AT TIME ZONE 'UTC')::date, sum(amount)
    FROM new_entries WHERE amount > 0 AND expires_at IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (organisation_id, month) DO UPDATE SET points = r.points + excluded.points;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_report_months AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION report_ledger_months_add();
--> statement-breakpoint
CREATE FUNCTION report_lot_months_take() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_lot_months AS r (organisation_id, month, points)
    SELECT e.organisation_id, date_trunc('month', e.expires_at AT TIME ZONE 'UTC')::date, -sum(a.points)
    FROM new_allocations a JOIN ledger_entries e ON e.id = a.lot_entry_id
    WHERE e.amount > 0 AND e.expires_at IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (organisation_id, month) DO UPDATE SET points = r.points + excluded.points;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER ledger_allocations_report_lot_months AFTER INSERT ON ledger_allocations
  REFERENCING NEW TABLE AS new_allocations FOR EACH STATEMENT EXECUTE FUNCTION report_lot_months_take();
