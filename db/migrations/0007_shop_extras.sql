-- The hobby categories every programme starts with (admins add more in the portal). They are
-- reference data the shop needs in production, not demo data, so they ship with the schema.
INSERT INTO shop_categories (slug, name_en, name_ru, image, sort_order) VALUES
  ('fishing', 'Fishing', 'Рыбалка', '/images/shop/categories/fishing.svg', 10),
  ('gardening', 'Gardening', 'Сад и огород', '/images/shop/categories/gardening.svg', 20),
  ('travel', 'Travel', 'Путешествия', '/images/shop/categories/travel.svg', 30),
  ('sports', 'Sports', 'Спорт', '/images/shop/categories/sports.svg', 40),
  ('cars', 'Cars', 'Автомобили', '/images/shop/categories/cars.svg', 50),
  ('cooking', 'Cooking', 'Кулинария', '/images/shop/categories/cooking.svg', 60),
  ('photography', 'Photography', 'Фотография', '/images/shop/categories/photography.svg', 70),
  ('home-diy', 'Home and DIY', 'Дом и ремонт', '/images/shop/categories/home-diy.svg', 80),
  ('gaming', 'Gaming', 'Игры', '/images/shop/categories/gaming.svg', 90),
  ('kids', 'Kids', 'Детям', '/images/shop/categories/kids.svg', 100)
ON CONFLICT (slug) DO NOTHING;
--> statement-breakpoint
-- A code handed to an order line is never handed back or to someone else: it may have been
-- shown and emailed already. Refuse any change to a claimed code at the database.
CREATE OR REPLACE FUNCTION reward_codes_claim_once() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.order_line_id IS NOT NULL THEN
      RAISE EXCEPTION 'a claimed reward code cannot be deleted' USING ERRCODE = 'P0001';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.order_line_id IS NOT NULL THEN
    RAISE EXCEPTION 'a claimed reward code cannot be changed' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER reward_codes_claim_once BEFORE UPDATE OR DELETE ON reward_codes
  FOR EACH ROW EXECUTE FUNCTION reward_codes_claim_once();
--> statement-breakpoint
-- Order numbers are read out to the warehouse on the phone: four digits from the first order.
ALTER SEQUENCE orders_number_seq RESTART WITH 1001;
