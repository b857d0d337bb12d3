CREATE TABLE "report_claim_queues" (
	"organisation_id" uuid NOT NULL,
	"status" "claim_status" NOT NULL,
	"claims" integer NOT NULL,
	"timed" integer NOT NULL,
	"since_seconds" numeric NOT NULL,
	CONSTRAINT "report_claim_queues_organisation_id_status_pk" PRIMARY KEY("organisation_id","status")
);
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
