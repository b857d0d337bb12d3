CREATE TABLE "lot_expiry_queue" (
	"entry_id" bigint PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lot_expiry_queue" ADD CONSTRAINT "lot_expiry_queue_entry_id_ledger_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lot_expiry_queue_due_idx" ON "lot_expiry_queue" USING btree ("expires_at");--> statement-breakpoint
-- custom: expiry_queue
-- Every lot joins the queue in the transaction that appends it: one statement-level trigger per
-- INSERT, so a bulk insert is one INSERT ... SELECT, not a trigger call per row.
CREATE FUNCTION lot_expiry_queue_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lot_expiry_queue (entry_id, user_id, organisation_id, expires_at)
    SELECT id, user_id, organisation_id, expires_at FROM new_entries WHERE amount > 0 AND expires_at IS NOT NULL;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_expiry_queue AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION lot_expiry_queue_add();
--> statement-breakpoint
-- Lots already in the ledger that still hold points.
INSERT INTO lot_expiry_queue (entry_id, user_id, organisation_id, expires_at)
  SELECT e.id, e.user_id, e.organisation_id, e.expires_at FROM ledger_entries e
  WHERE e.amount > 0 AND e.expires_at IS NOT NULL
    AND e.amount > coalesce((SELECT sum(a.points) FROM ledger_allocations a WHERE a.lot_entry_id = e.id), 0);
