CREATE TABLE "report_people_months" (
	"organisation_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"created_month" date NOT NULL,
	"activated_month" date NOT NULL,
	"deactivated_month" date NOT NULL,
	"shard" smallint NOT NULL,
	"people" integer NOT NULL,
	CONSTRAINT "report_people_months_pk" PRIMARY KEY("organisation_id","role","created_month","activated_month","deactivated_month","shard")
);
--> statement-breakpoint
-- custom: report_people
-- People by partner, role and the UTC months of their invitation, activation and deactivation
-- ('infinity' for not yet), per partner (shard 0) and programme-wide under the nil uuid in 16
-- shards by person (db/schema/report-rollups.ts). Kept by statement-level triggers on users in
-- the transaction that writes them: a changed user's old row taken away, the new one added (only
-- when one of those columns changed). Upserts in key order.
CREATE FUNCTION report_people_sql(source text, sign integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$INSERT INTO report_people_months AS r
      (organisation_id, role, created_month, activated_month, deactivated_month, shard, people)
    SELECT k.organisation_id, k.role, k.created_month, k.activated_month, k.deactivated_month, k.shard, %2$s * count(*)
    FROM (
      SELECT u.id, u.role, date_trunc('month', u.created_at AT TIME ZONE 'UTC')::date AS created_month,
        coalesce(date_trunc('month', u.activated_at AT TIME ZONE 'UTC')::date, 'infinity') AS activated_month,
        coalesce(date_trunc('month', u.deactivated_at AT TIME ZONE 'UTC')::date, 'infinity') AS deactivated_month,
        u.organisation_id AS org
      FROM %1$s u
    ) s CROSS JOIN LATERAL (VALUES
      (s.org, s.role, s.created_month, s.activated_month, s.deactivated_month, 0::smallint),
      ('00000000-0000-0000-0000-000000000000'::uuid, s.role, s.created_month, s.activated_month, s.deactivated_month,
        (hashtext(s.id::text) & 15)::smallint)
    ) AS k (organisation_id, role, created_month, activated_month, deactivated_month, shard)
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (organisation_id, role, created_month, activated_month, deactivated_month, shard)
      DO UPDATE SET people = r.people + excluded.people$q$, source, sign)
$$;
--> statement-breakpoint
CREATE FUNCTION report_people_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved constant text := $s$ FROM old_users o JOIN new_users n ON n.id = o.id
    WHERE (n.organisation_id, n.role, n.created_at, n.activated_at, n.deactivated_at)
      IS DISTINCT FROM (o.organisation_id, o.role, o.created_at, o.activated_at, o.deactivated_at))$s$;
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE report_people_sql('new_users', 1);
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE report_people_sql('old_users', -1);
  ELSE
    EXECUTE report_people_sql('(SELECT o.*' || moved, -1);
    EXECUTE report_people_sql('(SELECT n.*' || moved, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_report_people_insert AFTER INSERT ON users
  REFERENCING NEW TABLE AS new_users FOR EACH STATEMENT EXECUTE FUNCTION report_people_changed();
--> statement-breakpoint
CREATE TRIGGER users_report_people_update AFTER UPDATE ON users
  REFERENCING OLD TABLE AS old_users NEW TABLE AS new_users FOR EACH STATEMENT EXECUTE FUNCTION report_people_changed();
--> statement-breakpoint
CREATE TRIGGER users_report_people_delete AFTER DELETE ON users
  REFERENCING OLD TABLE AS old_users FOR EACH STATEMENT EXECUTE FUNCTION report_people_changed();
--> statement-breakpoint
DO $$ BEGIN EXECUTE report_people_sql('users', 1); END $$;
