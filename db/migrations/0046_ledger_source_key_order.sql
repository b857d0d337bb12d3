DROP INDEX "ledger_entries_source_unique";--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_source_unique" ON "ledger_entries" USING btree ("kind","source_type","source_id","user_id");