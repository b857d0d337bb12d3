CREATE TABLE "report_partner_balances" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"points" bigint NOT NULL
);
--> statement-breakpoint
-- custom: report_balances
-- report_partner_balances kept with every change to point_accounts (db/schema/report-rollups.ts):
-- each statement's balance changes summed per partner, zero changes left out, upserted in key order.
CREATE FUNCTION report_partner_balances_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_partner_balances AS r (organisation_id, points)
      SELECT organisation_id, sum(balance) FROM new_accounts GROUP BY 1 HAVING sum(balance) <> 0 ORDER BY 1
    ON CONFLICT (organisation_id) DO UPDATE SET points = r.points + excluded.points;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO report_partner_balances AS r (organisation_id, points)
      SELECT organisation_id, -sum(balance) FROM old_accounts GROUP BY 1 HAVING sum(balance) <> 0 ORDER BY 1
    ON CONFLICT (organisation_id) DO UPDATE SET points = r.points + excluded.points;
  ELSE
    INSERT INTO report_partner_balances AS r (organisation_id, points)
      SELECT organisation_id, sum(points) FROM (
        SELECT organisation_id, balance::bigint AS points FROM new_accounts
        UNION ALL SELECT organisation_id, -balance::bigint FROM old_accounts
      ) d GROUP BY 1 HAVING sum(points) <> 0 ORDER BY 1
    ON CONFLICT (organisation_id) DO UPDATE SET points = r.points + excluded.points;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER point_accounts_report_balances_insert AFTER INSERT ON point_accounts
  REFERENCING NEW TABLE AS new_accounts FOR EACH STATEMENT EXECUTE FUNCTION report_partner_balances_changed();
--> statement-breakpoint
CREATE TRIGGER point_accounts_report_balances_update AFTER UPDATE ON point_accounts
  REFERENCING OLD TABLE AS old_accounts NEW TABLE AS new_accounts FOR EACH STATEMENT EXECUTE FUNCTION report_partner_balances_changed();
--> statement-breakpoint
CREATE TRIGGER point_accounts_report_balances_delete AFTER DELETE ON point_accounts
  REFERENCING OLD TABLE AS old_accounts FOR EACH STATEMENT EXECUTE FUNCTION report_partner_balances_changed();
--> statement-breakpoint
INSERT INTO report_partner_balances (organisation_id, points)
  SELECT organisation_id, sum(balance) FROM point_accounts GROUP BY 1;
