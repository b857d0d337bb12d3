ALTER TABLE "ledger_allocations" DROP CONSTRAINT "ledger_allocations_debit_entry_id_ledger_entries_id_fk";
--> statement-breakpoint
ALTER TABLE "ledger_allocations" DROP CONSTRAINT "ledger_allocations_lot_entry_id_ledger_entries_id_fk";
--> statement-breakpoint
-- custom: ledger_allocation_checks
-- An allocation names two ledger entries: the debit (or expiry) and the lot it took points from.
-- They were foreign keys, which PostgreSQL checks one row at a time (a trigger call, a query and a
-- FOR KEY SHARE row lock per id: 2,000 for the expiry job's 1,000 lots, issue 17). The lock only
-- guards against the ledger row being deleted or its id changed meanwhile, which cannot happen:
-- ledger_entries refuses UPDATE and DELETE (migration 0002) and, below, TRUNCATE. So one check per
-- statement over the inserted rows gives the same guarantee: every id is an existing entry, or the
-- whole statement fails with foreign_key_violation (23503), as the foreign key did.
CREATE FUNCTION ledger_allocations_check_entries() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing bigint;
BEGIN
  SELECT r.id INTO missing
    FROM (SELECT debit_entry_id AS id FROM new_allocations UNION ALL SELECT lot_entry_id FROM new_allocations) r
    WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.id = r.id)
    LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger allocation refers to ledger entry %, which does not exist', missing
      USING ERRCODE = 'foreign_key_violation', TABLE = 'ledger_allocations';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER ledger_allocations_entries_exist AFTER INSERT ON ledger_allocations
  REFERENCING NEW TABLE AS new_allocations FOR EACH STATEMENT EXECUTE FUNCTION ledger_allocations_check_entries();
--> statement-breakpoint
-- TRUNCATE skips row triggers, so the append-only ledger refuses it on its own (before, the foreign
-- keys made TRUNCATE ledger_entries fail unless the allocations went with it).
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_allocations_no_truncate BEFORE TRUNCATE ON ledger_allocations
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
