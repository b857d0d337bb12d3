CREATE TABLE "report_claim_queues" (
	"organisation_id" uuid NOT NULL,
	"status" "claim_status" NOT NULL,
	"claims" integer NOT NULL,
	"timed" integer NOT NULL,
	"since_seconds" numeric NOT NULL,
	CONSTRAINT "report_claim_queues_organisation_id_status_pk" PRIMARY KEY("organisation_id","status")
);
--> statement-breakpoint
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
--> statement-breakpoint
-- custom: report_queues
-- Waiting claims by organisation and status, kept by a statement-level trigger on claims in the
-- transaction that moves them (sent, checked, asked for information, decided, deleted), like the
-- other claim summaries of migration 0026. Upserts in key order.
INSERT INTO report_claim_queues (organisation_id, status, claims, timed, since_seconds)
  SELECT organisation_id, status, count(*), count(last_submitted_at), coalesce(sum(extract(epoch FROM last_submitted_at)), 0)
  FROM claims WHERE status IN ('manager_check', 'in_review', 'info_requested') GROUP BY 1, 2;
--> statement-breakpoint
CREATE FUNCTION report_claim_queues_apply_sql(source text, sign integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$INSERT INTO report_claim_queues AS r (organisation_id, status, claims, timed, since_seconds)
    SELECT c.organisation_id, c.status, %2$s * count(*), %2$s * count(c.last_submitted_at),
      %2$s * coalesce(sum(extract(epoch FROM c.last_submitted_at)), 0)
    FROM %1$s c WHERE c.status IN ('manager_check', 'in_review', 'info_requested')
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (organisation_id, status) DO UPDATE SET claims = r.claims + excluded.claims,
      timed = r.timed + excluded.timed, since_seconds = r.since_seconds + excluded.since_seconds$q$, source, sign)
$$;
--> statement-breakpoint
CREATE FUNCTION report_claim_queues_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved constant text := $s$ FROM old_claims o JOIN new_claims n ON n.id = o.id
    WHERE (n.organisation_id, n.status, n.last_submitted_at) IS DISTINCT FROM (o.organisation_id, o.status, o.last_submitted_at))$s$;
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE report_claim_queues_apply_sql('new_claims', 1);
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE report_claim_queues_apply_sql('old_claims', -1);
  ELSE
    EXECUTE report_claim_queues_apply_sql('(SELECT o.*' || moved, -1);
    EXECUTE report_claim_queues_apply_sql('(SELECT n.*' || moved, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER claims_report_queues_insert AFTER INSERT ON claims
  REFERENCING NEW TABLE AS new_claims FOR EACH STATEMENT EXECUTE FUNCTION report_claim_queues_changed();
--> statement-breakpoint
CREATE TRIGGER claims_report_queues_update AFTER UPDATE ON claims
  REFERENCING OLD TABLE AS old_claims NEW TABLE AS new_claims FOR EACH STATEMENT EXECUTE FUNCTION report_claim_queues_changed();
--> statement-breakpoint
CREATE TRIGGER claims_report_queues_delete AFTER DELETE ON claims
  REFERENCING OLD TABLE AS old_claims FOR EACH STATEMENT EXECUTE FUNCTION report_claim_queues_changed();
