ALTER TABLE "users" ADD COLUMN "outlet_id" uuid;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "outlet_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "outlets_id_organisation_unique" ON "outlets" USING btree ("id","organisation_id");--> statement-breakpoint
CREATE INDEX "users_outlet_idx" ON "users" USING btree ("outlet_id");--> statement-breakpoint
CREATE INDEX "claims_outlet_idx" ON "claims" USING btree ("outlet_id");--> statement-breakpoint
-- custom: outlets
-- A person and a claim name an outlet of their own organisation only: the foreign key runs over
-- (outlet, organisation), so an outlet of another partner is refused by the database itself.
-- Removing an outlet clears the reference and keeps the person and the claim.
ALTER TABLE "users" ADD CONSTRAINT "users_outlet_same_organisation_fk" FOREIGN KEY ("outlet_id", "organisation_id") REFERENCES "public"."outlets"("id", "organisation_id") ON DELETE SET NULL ("outlet_id");--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_outlet_same_organisation_fk" FOREIGN KEY ("outlet_id", "organisation_id") REFERENCES "public"."outlets"("id", "organisation_id") ON DELETE SET NULL ("outlet_id");
