-- A plan's send rate: messages a tenant's feature API calls may send per minute (an OTP start sends a code), so a
-- shop's plan bounds what its callers can make it spend. NULL means unlimited.
ALTER TABLE plan ADD COLUMN sends_per_minute integer CHECK (sends_per_minute > 0);
UPDATE plan SET sends_per_minute = CASE id WHEN 'free' THEN 10 WHEN 'starter' THEN 60 WHEN 'pro' THEN 600 END;
