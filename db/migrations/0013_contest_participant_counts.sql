CREATE TABLE "contest_participant_counts" (
	"contest_id" uuid PRIMARY KEY NOT NULL,
	"participants" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "contest_participant_counts_nonnegative" CHECK ("contest_participant_counts"."participants" >= 0)
);
--> statement-breakpoint
ALTER TABLE "contest_participant_counts" ADD CONSTRAINT "contest_participant_counts_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Kept by the database in the transaction that adds or removes board entries: one statement-level
-- trigger per INSERT (rows an INSERT ... ON CONFLICT DO UPDATE only updated are not in new_scores)
-- and per DELETE, so a bulk insert of 100,000 entries is one upsert, not 100,000 updates.
CREATE FUNCTION contest_participants_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO contest_participant_counts (contest_id, participants)
    SELECT contest_id, count(*)::int FROM new_scores GROUP BY contest_id ORDER BY contest_id
  ON CONFLICT (contest_id) DO UPDATE SET participants = contest_participant_counts.participants + excluded.participants;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION contest_participants_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE contest_participant_counts c SET participants = c.participants - o.removed
    FROM (SELECT contest_id, count(*)::int AS removed FROM old_scores GROUP BY contest_id) o
    WHERE c.contest_id = o.contest_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER contest_scores_participants_added AFTER INSERT ON contest_scores
  REFERENCING NEW TABLE AS new_scores FOR EACH STATEMENT EXECUTE FUNCTION contest_participants_added();
--> statement-breakpoint
CREATE TRIGGER contest_scores_participants_removed AFTER DELETE ON contest_scores
  REFERENCING OLD TABLE AS old_scores FOR EACH STATEMENT EXECUTE FUNCTION contest_participants_removed();
--> statement-breakpoint
INSERT INTO contest_participant_counts (contest_id, participants)
  SELECT contest_id, count(*)::int FROM contest_scores GROUP BY contest_id;
