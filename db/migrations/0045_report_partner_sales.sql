CREATE TABLE "report_partner_sales" (
	"month" date NOT NULL,
	"organisation_id" uuid NOT NULL,
	"claims" integer NOT NULL,
	"points" bigint NOT NULL,
	CONSTRAINT "report_partner_sales_month_organisation_id_pk" PRIMARY KEY("month","organisation_id")
);
--> statement-breakpoint
-- custom: report_partner_sales
-- report_partner_sales kept with every change to claims (db/schema/report-rollups.ts): approved
-- claims with a decision instant, counted per partner and UTC month of the decision, in the
-- transaction that moves the claim. An update nets each claim's old row (-1) against its new one
-- (+1) per key before upserting (one statement cannot upsert a key twice), leaves out what nets to
-- nothing, and upserts in key order. A count that falls to zero stays as a zero row.
CREATE FUNCTION report_partner_sales_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_partner_sales AS r (month, organisation_id, claims, points)
      SELECT date_trunc('month', decided_at AT TIME ZONE 'UTC')::date, organisation_id, count(*), sum(points)
      FROM new_claims WHERE status = 'approved' AND decided_at IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (month, organisation_id) DO UPDATE SET claims = r.claims + excluded.claims, points = r.points + excluded.points;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO report_partner_sales AS r (month, organisation_id, claims, points)
      SELECT date_trunc('month', decided_at AT TIME ZONE 'UTC')::date, organisation_id, -count(*), -sum(points)
      FROM old_claims WHERE status = 'approved' AND decided_at IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (month, organisation_id) DO UPDATE SET claims = r.claims + excluded.claims, points = r.points + excluded.points;
  ELSE
    INSERT INTO report_partner_sales AS r (month, organisation_id, claims, points)
      SELECT month, organisation_id, sum(claims), sum(points) FROM (
        SELECT date_trunc('month', o.decided_at AT TIME ZONE 'UTC')::date AS month, o.organisation_id, -1 AS claims, -o.points::bigint AS points
          FROM old_claims o JOIN new_claims n ON n.id = o.id
          WHERE o.status = 'approved' AND o.decided_at IS NOT NULL
            AND (n.organisation_id, n.status, n.points, n.decided_at) IS DISTINCT FROM (o.organisation_id, o.status, o.points, o.decided_at)
        UNION ALL
        SELECT date_trunc('month', n.decided_at AT TIME ZONE 'UTC')::date, n.organisation_id, 1, n.points::bigint
          FROM old_claims o JOIN new_claims n ON n.id = o.id
          WHERE n.status = 'approved' AND n.decided_at IS NOT NULL
            AND (n.organisation_id, n.status, n.points, n.decided_at) IS DISTINCT FROM (o.organisation_id, o.status, o.points, o.decided_at)
      ) d GROUP BY 1, 2 HAVING sum(claims) <> 0 OR sum(points) <> 0 ORDER BY 1, 2
    ON CONFLICT (month, organisation_id) DO UPDATE SET claims = r.claims + excluded.claims, points = r.points + excluded.points;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER claims_report_partner_sales_insert AFTER INSERT ON claims
  REFERENCING NEW TABLE AS new_claims FOR EACH STATEMENT EXECUTE FUNCTION report_partner_sales_changed();
--> statement-breakpoint
CREATE TRIGGER claims_report_partner_sales_update AFTER UPDATE ON claims
  REFERENCING OLD TABLE AS old_claims NEW TABLE AS new_claims FOR EACH STATEMENT EXECUTE FUNCTION report_partner_sales_changed();
--> statement-breakpoint
CREATE TRIGGER claims_report_partner_sales_delete AFTER DELETE ON claims
  REFERENCING OLD TABLE AS old_claims FOR EACH STATEMENT EXECUTE FUNCTION report_partner_sales_changed();
--> statement-breakpoint
-- Backfill from the claims already there (the triggers above count only what comes after).
INSERT INTO report_partner_sales (month, organisation_id, claims, points)
  SELECT date_trunc('month', decided_at AT TIME ZONE 'UTC')::date, organisation_id, count(*), sum(points)
  FROM claims WHERE status = 'approved' AND decided_at IS NOT NULL GROUP BY 1, 2;
