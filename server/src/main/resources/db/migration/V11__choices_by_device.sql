-- When a device signs in, the recommendations it was shown and did not pick count as ignored: found by device.
CREATE INDEX sign_in_choice_device_idx ON sign_in_choice (device_id, used_at);
