ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_organisation_id_organisations_id_fk";
--> statement-breakpoint
-- custom: ledger_owner_checks
-- Every ledger entry names a person and their organisation. They were foreign keys, which
-- PostgreSQL checks one row at a time: a trigger call, a query and a FOR KEY SHARE row lock per
-- entry and key, 2,000 for the expiry job's 1,000 entries, a third of its run (issue 17). Now one
-- check per statement over the inserted rows: every id names an existing row, or the whole
-- statement fails with foreign_key_violation (23503), as the keys did. The other half of a foreign
-- key, refusing to delete (or re-key) a person or organisation the ledger names, is the triggers
-- below; the portal deletes neither, so they guard against hands on the database.
CREATE FUNCTION ledger_entries_check_owners() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing text;
BEGIN
  -- `= any(array(...))`: one index probe per distinct id. The planner knows nothing of a transition
  -- table's size and, joined, would read every person to hash them.
  IF (SELECT count(*) FROM users u WHERE u.id = ANY (ARRAY(SELECT DISTINCT n.user_id FROM new_entries n)))
     < (SELECT count(DISTINCT n.user_id) FROM new_entries n) THEN
    SELECT n.user_id::text INTO missing FROM new_entries n
      WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = n.user_id) LIMIT 1;
    RAISE EXCEPTION 'ledger entry names person %, who does not exist', missing
      USING ERRCODE = 'foreign_key_violation', TABLE = 'ledger_entries';
  END IF;
  IF (SELECT count(*) FROM organisations o WHERE o.id = ANY (ARRAY(SELECT DISTINCT n.organisation_id FROM new_entries n)))
     < (SELECT count(DISTINCT n.organisation_id) FROM new_entries n) THEN
    SELECT n.organisation_id::text INTO missing FROM new_entries n
      WHERE NOT EXISTS (SELECT 1 FROM organisations o WHERE o.id = n.organisation_id) LIMIT 1;
    RAISE EXCEPTION 'ledger entry names organisation %, which does not exist', missing
      USING ERRCODE = 'foreign_key_violation', TABLE = 'ledger_entries';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_owners_exist AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_check_owners();
--> statement-breakpoint
-- A person or organisation the ledger names cannot go or change its id. SHARE on the ledger first:
-- it waits for transactions inserting entries to end (so their entries are seen), and holds new
-- ones off until this one ends (their check then finds the row gone): the race a row lock closed.
CREATE FUNCTION ledger_owner_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
    RETURN NEW;
  END IF;
  LOCK TABLE ledger_entries IN SHARE MODE;
  IF (TG_TABLE_NAME = 'users' AND EXISTS (SELECT 1 FROM ledger_entries e WHERE e.user_id = OLD.id))
     OR (TG_TABLE_NAME = 'organisations' AND EXISTS (SELECT 1 FROM ledger_entries e WHERE e.organisation_id = OLD.id)) THEN
    RAISE EXCEPTION '% % is named in the points ledger and cannot be deleted or re-keyed', TG_TABLE_NAME, OLD.id
      USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_keep_ledger_owner BEFORE DELETE OR UPDATE OF id ON users
  FOR EACH ROW EXECUTE FUNCTION ledger_owner_keep();
--> statement-breakpoint
CREATE TRIGGER organisations_keep_ledger_owner BEFORE DELETE OR UPDATE OF id ON organisations
  FOR EACH ROW EXECUTE FUNCTION ledger_owner_keep();
--> statement-breakpoint
-- TRUNCATE skips row triggers (and, without the keys, would no longer be stopped by the ledger).
CREATE FUNCTION ledger_owner_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM ledger_entries) THEN
    RAISE EXCEPTION '% cannot be truncated while the points ledger names its rows', TG_TABLE_NAME
      USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_no_truncate_ledger_owner BEFORE TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_owner_refuse_truncate();
--> statement-breakpoint
CREATE TRIGGER organisations_no_truncate_ledger_owner BEFORE TRUNCATE ON organisations
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_owner_refuse_truncate();
