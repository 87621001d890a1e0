-- Run by the postgres image on its first start (empty data volume) only.
-- Each service owns its own database; the names must match the *_DATABASE_URL values in docker-compose.yml.
CREATE DATABASE antrean_queue;
CREATE DATABASE antrean_referral;
CREATE DATABASE antrean_notification;
CREATE DATABASE antrean_bpjs_bridge;
CREATE DATABASE antrean_gateway;
