-- Secret props of queued mail (links, reward codes) are sealed under "$sealed" by queueEmail.
-- Once a mail leaves "pending" (sent, or given up) nobody needs them: the database drops them
-- itself, whichever process or code path changes the status. See docs/decisions/007.
CREATE OR REPLACE FUNCTION email_outbox_drop_sealed() RETURNS trigger AS $$
BEGIN
  IF NEW.status <> 'pending' AND NEW.props ? '$sealed' THEN
    NEW.props := NEW.props - '$sealed';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER email_outbox_drop_sealed BEFORE INSERT OR UPDATE ON email_outbox
  FOR EACH ROW EXECUTE FUNCTION email_outbox_drop_sealed();
--> statement-breakpoint
-- Mail queued before this release holds its secrets in plain text. Sent or failed rows lose
-- them now; waiting ones are given up (their link would otherwise stay readable): the person
-- asks for a new reset link, or the admin re-sends the invitation.
UPDATE email_outbox SET status = 'failed', last_error = 'withdrawn: queued before secrets were sealed; ask for a new link'
  WHERE status = 'pending' AND template IN ('invitation', 'password_reset', 'shop_digital_code');
--> statement-breakpoint
UPDATE email_outbox SET props = jsonb_set(props, '{url}', to_jsonb(regexp_replace(props->>'url', '[^/]*$', '••••••••')))
  WHERE template IN ('invitation', 'password_reset') AND props ? 'url';
--> statement-breakpoint
UPDATE email_outbox SET props = jsonb_set(props, '{codes}', (
    SELECT coalesce(jsonb_agg(c || '{"code": "••••••••"}'::jsonb), '[]'::jsonb) FROM jsonb_array_elements(props->'codes') c))
  WHERE template = 'shop_digital_code' AND jsonb_typeof(props->'codes') = 'array';
