CREATE TABLE "contest_score_bands" (
	"contest_id" uuid NOT NULL,
	"band" integer NOT NULL,
	"participants" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "contest_score_bands_contest_id_band_pk" PRIMARY KEY("contest_id","band"),
	CONSTRAINT "contest_score_bands_nonnegative" CHECK ("contest_score_bands"."participants" >= 0)
);
--> statement-breakpoint
ALTER TABLE "contest_score_bands" ADD CONSTRAINT "contest_score_bands_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- custom: contest_score_bands
-- A score's band: every score below 64 is its own band, above that 32 bands per power of two
-- (scores 64-65 band 96, 66-67 band 97, ..., 4,096-4,223 band 480). Monotonic in the score, so
-- "everyone ahead" is everyone in a higher band plus those above the score in its own band.
CREATE FUNCTION contest_score_band(score integer) RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN score < 64 THEN score
    ELSE (27 - position('1' IN score::bit(32)::text)) * 64 + (score >> (27 - position('1' IN score::bit(32)::text))) END
$$;
--> statement-breakpoint
-- The lowest score of the next band (bigint: the last band's end does not fit an integer).
CREATE FUNCTION contest_score_band_end(score integer) RETURNS bigint LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN score < 64 THEN score::bigint + 1
    ELSE ((score::bigint >> (27 - position('1' IN score::bit(32)::text))) + 1) << (27 - position('1' IN score::bit(32)::text)) END
$$;
--> statement-breakpoint
-- Kept in the transaction that changes the board: one statement-level trigger per INSERT, UPDATE
-- (an INSERT ... ON CONFLICT DO UPDATE fires both, each with its own rows) and DELETE. The net
-- change per band is applied in (contest, band) order, the order every transaction takes these
-- rows in, so two approvals never wait on each other's bands in opposite orders. A band left
-- empty stays as a zero row; a contest's deletion takes its bands with it (foreign key).
CREATE FUNCTION contest_score_bands_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text;
  r record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    src := 'SELECT contest_id, contest_score_band(score) AS band, 1 AS n FROM new_scores';
  ELSIF TG_OP = 'DELETE' THEN
    src := 'SELECT contest_id, contest_score_band(score) AS band, -1 AS n FROM old_scores';
  ELSE
    src := 'SELECT contest_id, contest_score_band(score) AS band, -1 AS n FROM old_scores
      UNION ALL SELECT contest_id, contest_score_band(score), 1 FROM new_scores';
  END IF;
  FOR r IN EXECUTE 'SELECT contest_id, band, sum(n)::int AS n FROM (' || src || ') d
      GROUP BY contest_id, band HAVING sum(n) <> 0 ORDER BY contest_id, band' LOOP
    IF r.n > 0 THEN
      INSERT INTO contest_score_bands AS b (contest_id, band, participants) VALUES (r.contest_id, r.band, r.n)
        ON CONFLICT (contest_id, band) DO UPDATE SET participants = b.participants + excluded.participants;
    ELSE
      UPDATE contest_score_bands SET participants = participants + r.n WHERE contest_id = r.contest_id AND band = r.band;
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER contest_scores_bands_insert AFTER INSERT ON contest_scores
  REFERENCING NEW TABLE AS new_scores FOR EACH STATEMENT EXECUTE FUNCTION contest_score_bands_changed();
--> statement-breakpoint
CREATE TRIGGER contest_scores_bands_update AFTER UPDATE ON contest_scores
  REFERENCING OLD TABLE AS old_scores NEW TABLE AS new_scores FOR EACH STATEMENT EXECUTE FUNCTION contest_score_bands_changed();
--> statement-breakpoint
CREATE TRIGGER contest_scores_bands_delete AFTER DELETE ON contest_scores
  REFERENCING OLD TABLE AS old_scores FOR EACH STATEMENT EXECUTE FUNCTION contest_score_bands_changed();
--> statement-breakpoint
INSERT INTO contest_score_bands (contest_id, band, participants)
  SELECT contest_id, contest_score_band(score), count(*)::int FROM contest_scores GROUP BY 1, 2 ORDER BY 1, 2;
