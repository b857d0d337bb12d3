ALTER TABLE "order_lines" DROP COLUMN "reward_name_ru";--> statement-breakpoint
ALTER TABLE "rewards" DROP COLUMN "name_ru";--> statement-breakpoint
ALTER TABLE "rewards" DROP COLUMN "description_ru";--> statement-breakpoint
ALTER TABLE "shop_categories" DROP COLUMN "name_ru";