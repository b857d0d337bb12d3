CREATE TABLE "content_translations" (
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"field" text NOT NULL,
	"locale" "locale" NOT NULL,
	"text" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_translations_entity_type_entity_id_field_locale_pk" PRIMARY KEY("entity_type","entity_id","field","locale"),
	CONSTRAINT "content_translations_text_len" CHECK (length("content_translations"."text") between 1 and 20000)
);
--> statement-breakpoint
ALTER TABLE "content_translations" ADD CONSTRAINT "content_translations_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "content_translations_locale_idx" ON "content_translations" USING btree ("locale","entity_type");--> statement-breakpoint
-- custom: content_translations
-- Shop rewards and categories move onto the one mechanism: their Russian names and descriptions
-- become translations (the old columns stay readable until the shop reads translations only).
INSERT INTO "content_translations" ("entity_type", "entity_id", "field", "locale", "text")
  SELECT 'reward', "id", 'name', 'ru'::"locale", "name_ru" FROM "rewards" WHERE coalesce("name_ru", '') <> ''
  UNION ALL SELECT 'reward', "id", 'description', 'ru'::"locale", "description_ru" FROM "rewards" WHERE coalesce("description_ru", '') <> ''
  UNION ALL SELECT 'shop_category', "id", 'name', 'ru'::"locale", "name_ru" FROM "shop_categories" WHERE coalesce("name_ru", '') <> ''
ON CONFLICT DO NOTHING;
