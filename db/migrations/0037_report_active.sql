CREATE TABLE "report_active_people" (
	"grain" text NOT NULL,
	"start" date NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "report_active_people_grain_start_organisation_id_user_id_pk" PRIMARY KEY("grain","start","organisation_id","user_id")
);
--> statement-breakpoint
-- custom: report_active
-- Who was active in each UTC day, month, quarter and year (db/schema/report-rollups.ts), kept by
-- a statement-level trigger in the transaction that appends to the ledger, like the other
-- summaries (migrations 0026, 0036). ON CONFLICT DO NOTHING on the key: a second transaction
-- adding the same person and span waits for the first and adds nothing. Rows in key order.
ALTER TABLE report_active_people ADD CONSTRAINT report_active_people_grain_check
  CHECK (grain IN ('day', 'month', 'quarter', 'year'));
--> statement-breakpoint
INSERT INTO report_active_people (grain, start, organisation_id, user_id)
  SELECT DISTINCT g.grain, date_trunc(g.grain, e.created_at AT TIME ZONE 'UTC')::date, e.organisation_id, e.user_id
  FROM ledger_entries e CROSS JOIN (VALUES ('day'), ('month'), ('quarter'), ('year')) AS g (grain)
  WHERE e.kind IN ('earn', 'redeem');
--> statement-breakpoint
CREATE FUNCTION report_active_people_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_active_people (grain, start, organisation_id, user_id)
    SELECT DISTINCT g.grain, date_trunc(g.grain, e.created_at AT TIME ZONE 'UTC')::date, e.organisation_id, e.user_id
    FROM new_entries e CROSS JOIN (VALUES ('day'), ('month'), ('quarter'), ('year')) AS g (grain)
    WHERE e.kind IN ('earn', 'redeem')
    ORDER BY 1, 2, 3, 4
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_report_active AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION report_active_people_add();
