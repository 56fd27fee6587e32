"""Numbered schema migrations, recorded in SQLite's ``user_version``.

Each migration is the exact SQL of one step, written once and never edited after it
has shipped: a database at version N is brought to the latest version by running steps
N+1… in order, each in its own transaction together with the new ``user_version``. To
change the schema, append a step (and change the models to match; a test compares the
migrated schema with the models).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    sql: str

    def statements(self) -> list[str]:
        return [part.strip() for part in self.sql.split(";") if part.strip()]


_0001_ORGANISATION_AND_MEMBERS = """
CREATE TABLE "setting" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "key" VARCHAR(100) NOT NULL,
    "value" TEXT NOT NULL
);
CREATE UNIQUE INDEX "setting_key" ON "setting" ("key");

CREATE TABLE "organization" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "parent_id" INTEGER,
    FOREIGN KEY ("parent_id") REFERENCES "organization" ("id") ON DELETE RESTRICT
);
CREATE INDEX "organization_parent_id" ON "organization" ("parent_id");

CREATE TABLE "branch" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "uid" VARCHAR(32) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "founded_on" DATE NOT NULL,
    "has_committee" INTEGER NOT NULL,
    "theme_day_of_month" INTEGER NOT NULL,
    "is_demo" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL,
    FOREIGN KEY ("organization_id") REFERENCES "organization" ("id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "branch_uid" ON "branch" ("uid");
CREATE INDEX "branch_organization_id" ON "branch" ("organization_id");

CREATE TABLE "party_group" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "position" INTEGER NOT NULL,
    "leader_id" INTEGER,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("leader_id") REFERENCES "member" ("id") ON DELETE SET NULL
);
CREATE INDEX "party_group_branch_id" ON "party_group" ("branch_id");
CREATE INDEX "party_group_leader_id" ON "party_group" ("leader_id");
CREATE UNIQUE INDEX "party_group_branch_id_name" ON "party_group" ("branch_id", "name");

CREATE TABLE "member" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "gender" VARCHAR(32),
    "ethnicity" VARCHAR(20) NOT NULL,
    "birth_date" DATE,
    "id_number" VARCHAR(18),
    "education" VARCHAR(30) NOT NULL,
    "position" VARCHAR(50) NOT NULL,
    "phone" VARCHAR(20) NOT NULL,
    "joined_on" DATE,
    "full_member_on" DATE,
    "status" VARCHAR(32) NOT NULL,
    "state" VARCHAR(32) NOT NULL,
    "left_on" DATE,
    "party_group_id" INTEGER,
    "notes" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("party_group_id") REFERENCES "party_group" ("id") ON DELETE SET NULL
);
CREATE INDEX "member_branch_id" ON "member" ("branch_id");
CREATE UNIQUE INDEX "member_id_number" ON "member" ("id_number");
CREATE INDEX "member_party_group_id" ON "member" ("party_group_id");

CREATE TABLE "member_event" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "member_id" INTEGER NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "occurred_on" DATE NOT NULL,
    "note" TEXT NOT NULL,
    "recorded_at" DATETIME NOT NULL,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE CASCADE
);
CREATE INDEX "member_event_member_id" ON "member_event" ("member_id");

CREATE TABLE "transfer" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "member_id" INTEGER NOT NULL,
    "direction" VARCHAR(32) NOT NULL,
    "occurred_on" DATE NOT NULL,
    "letter_no" VARCHAR(50) NOT NULL,
    "counterpart" VARCHAR(100) NOT NULL,
    "note" TEXT NOT NULL,
    "recorded_at" DATETIME NOT NULL,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT
);
CREATE INDEX "transfer_member_id" ON "transfer" ("member_id");

CREATE TABLE "branch_committee" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "branch_committee_branch_id" ON "branch_committee" ("branch_id");

CREATE TABLE "committee_term" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "committee_id" INTEGER NOT NULL,
    "number" INTEGER,
    "elected_on" DATE NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "is_by_election" INTEGER NOT NULL,
    "notes" TEXT NOT NULL,
    FOREIGN KEY ("committee_id") REFERENCES "branch_committee" ("id") ON DELETE RESTRICT
);
CREATE INDEX "committee_term_committee_id" ON "committee_term" ("committee_id");

CREATE TABLE "committee_post" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "term_id" INTEGER NOT NULL,
    "post" VARCHAR(32) NOT NULL,
    "title" VARCHAR(30) NOT NULL,
    "member_id" INTEGER,
    "since" DATE,
    "until" DATE,
    FOREIGN KEY ("term_id") REFERENCES "committee_term" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT
);
CREATE INDEX "committee_post_term_id" ON "committee_post" ("term_id");
CREATE INDEX "committee_post_member_id" ON "committee_post" ("member_id");

CREATE TABLE "audit_log" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL,
    "action" VARCHAR(60) NOT NULL,
    "entity" VARCHAR(40) NOT NULL,
    "entity_id" INTEGER,
    "summary" TEXT NOT NULL,
    "detail" TEXT
);
CREATE INDEX "audit_log_at" ON "audit_log" ("at");
"""

_0002_PROCEDURES = """
CREATE TABLE "meeting" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "held_on" DATE NOT NULL,
    "place" VARCHAR(100) NOT NULL,
    "state" VARCHAR(32) NOT NULL,
    "late_entry" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "archived_at" DATETIME,
    "kind" VARCHAR(32) NOT NULL,
    "party_group_id" INTEGER,
    "sequence_no" INTEGER,
    "starts_at" VARCHAR(5) NOT NULL,
    "ends_at" VARCHAR(5) NOT NULL,
    "chair_id" INTEGER,
    "recorder_id" INTEGER,
    "title" VARCHAR(200) NOT NULL,
    "lecturer_id" INTEGER,
    "lecturer_name" VARCHAR(50) NOT NULL,
    "duration_minutes" INTEGER,
    "tags" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "open_items" TEXT NOT NULL,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("party_group_id") REFERENCES "party_group" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("chair_id") REFERENCES "member" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("recorder_id") REFERENCES "member" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("lecturer_id") REFERENCES "member" ("id") ON DELETE RESTRICT
);
CREATE INDEX "meeting_branch_id" ON "meeting" ("branch_id");
CREATE INDEX "meeting_party_group_id" ON "meeting" ("party_group_id");
CREATE INDEX "meeting_chair_id" ON "meeting" ("chair_id");
CREATE INDEX "meeting_recorder_id" ON "meeting" ("recorder_id");
CREATE INDEX "meeting_lecturer_id" ON "meeting" ("lecturer_id");
CREATE INDEX "meeting_branch_id_held_on" ON "meeting" ("branch_id", "held_on");

CREATE TABLE "agenda_item" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "meeting_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "discussion" TEXT NOT NULL,
    FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE CASCADE
);
CREATE INDEX "agenda_item_meeting_id" ON "agenda_item" ("meeting_id");

CREATE TABLE "speech" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "agenda_item_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "speaker_id" INTEGER,
    "speaker_name" VARCHAR(50) NOT NULL,
    "content" TEXT NOT NULL,
    FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_item" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("speaker_id") REFERENCES "member" ("id") ON DELETE RESTRICT
);
CREATE INDEX "speech_agenda_item_id" ON "speech" ("agenda_item_id");
CREATE INDEX "speech_speaker_id" ON "speech" ("speaker_id");

CREATE TABLE "resolution" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "meeting_id" INTEGER NOT NULL,
    "agenda_item_id" INTEGER,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "votes_for" INTEGER,
    "votes_against" INTEGER,
    "votes_abstain" INTEGER,
    "passed" INTEGER,
    FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_item" ("id") ON DELETE SET NULL
);
CREATE INDEX "resolution_meeting_id" ON "resolution" ("meeting_id");
CREATE INDEX "resolution_agenda_item_id" ON "resolution" ("agenda_item_id");

CREATE TABLE "theme_day" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "held_on" DATE NOT NULL,
    "place" VARCHAR(100) NOT NULL,
    "state" VARCHAR(32) NOT NULL,
    "late_entry" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "archived_at" DATETIME,
    "theme" VARCHAR(200) NOT NULL,
    "form" VARCHAR(30) NOT NULL,
    "required_items" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "meeting_id" INTEGER,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE SET NULL
);
CREATE INDEX "theme_day_branch_id" ON "theme_day" ("branch_id");
CREATE INDEX "theme_day_meeting_id" ON "theme_day" ("meeting_id");
CREATE INDEX "theme_day_branch_id_held_on" ON "theme_day" ("branch_id", "held_on");

CREATE TABLE "heart_talk" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "held_on" DATE NOT NULL,
    "place" VARCHAR(100) NOT NULL,
    "state" VARCHAR(32) NOT NULL,
    "late_entry" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "archived_at" DATETIME,
    "kind" VARCHAR(32) NOT NULL,
    "talker_id" INTEGER NOT NULL,
    "talkee_id" INTEGER,
    "talkee_name" VARCHAR(50) NOT NULL,
    "topic" VARCHAR(200) NOT NULL,
    "talker_said" TEXT NOT NULL,
    "talkee_said" TEXT NOT NULL,
    "problems" TEXT NOT NULL,
    "follow_up" TEXT NOT NULL,
    "confidential" INTEGER NOT NULL,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("talker_id") REFERENCES "member" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("talkee_id") REFERENCES "member" ("id") ON DELETE RESTRICT
);
CREATE INDEX "heart_talk_branch_id" ON "heart_talk" ("branch_id");
CREATE INDEX "heart_talk_talker_id" ON "heart_talk" ("talker_id");
CREATE INDEX "heart_talk_talkee_id" ON "heart_talk" ("talkee_id");

CREATE TABLE "attendance" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "meeting_id" INTEGER,
    "theme_day_id" INTEGER,
    "member_id" INTEGER,
    "name" VARCHAR(50) NOT NULL,
    "role" VARCHAR(32) NOT NULL,
    "presence" VARCHAR(32) NOT NULL,
    "reason" VARCHAR(200) NOT NULL,
    "has_vote" INTEGER NOT NULL,
    FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("theme_day_id") REFERENCES "theme_day" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT
);
CREATE INDEX "attendance_meeting_id" ON "attendance" ("meeting_id");
CREATE INDEX "attendance_theme_day_id" ON "attendance" ("theme_day_id");
CREATE INDEX "attendance_member_id" ON "attendance" ("member_id");

CREATE TABLE "attachment" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "sha256" VARCHAR(64) NOT NULL,
    "size" INTEGER NOT NULL,
    "file_name" VARCHAR(255) NOT NULL,
    "media_type" VARCHAR(100) NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "caption" VARCHAR(200) NOT NULL,
    "meeting_id" INTEGER,
    "theme_day_id" INTEGER,
    "heart_talk_id" INTEGER,
    "added_at" DATETIME NOT NULL,
    FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("theme_day_id") REFERENCES "theme_day" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("heart_talk_id") REFERENCES "heart_talk" ("id") ON DELETE CASCADE
);
CREATE INDEX "attachment_sha256" ON "attachment" ("sha256");
CREATE INDEX "attachment_meeting_id" ON "attachment" ("meeting_id");
CREATE INDEX "attachment_theme_day_id" ON "attachment" ("theme_day_id");
CREATE INDEX "attachment_heart_talk_id" ON "attachment" ("heart_talk_id");
"""

_0003_AMENDMENTS = """
CREATE TABLE "amendment" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "record_type" VARCHAR(20) NOT NULL,
    "record_id" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "made_at" DATETIME NOT NULL,
    "before" TEXT NOT NULL,
    "after" TEXT NOT NULL
);
CREATE INDEX "amendment_record_type_record_id" ON "amendment" ("record_type", "record_id");
"""

_0004_ENTRUSTED_CHAIR = """
ALTER TABLE "meeting" ADD COLUMN "entrusted_chair" INTEGER NOT NULL DEFAULT 0;
"""

_0005_HISTORY_SPANS = """
CREATE TABLE "_committee_post_v4" AS
    SELECT "id", "member_id", "since", "until" FROM "committee_post";
CREATE TABLE "committee_post_v5" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "term_id" INTEGER NOT NULL,
    "post" VARCHAR(32) NOT NULL,
    "title" VARCHAR(30) NOT NULL,
    FOREIGN KEY ("term_id") REFERENCES "committee_term" ("id") ON DELETE CASCADE
);
INSERT INTO "committee_post_v5" ("id", "term_id", "post", "title")
    SELECT "id", "term_id", "post", "title" FROM "committee_post";
DROP TABLE "committee_post";
ALTER TABLE "committee_post_v5" RENAME TO "committee_post";
CREATE INDEX "committee_post_term_id" ON "committee_post" ("term_id");

CREATE TABLE "committee_post_holding" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "post_id" INTEGER NOT NULL,
    "member_id" INTEGER NOT NULL,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE,
    FOREIGN KEY ("post_id") REFERENCES "committee_post" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT
);
CREATE INDEX "committee_post_holding_post_id" ON "committee_post_holding" ("post_id");
CREATE INDEX "committee_post_holding_member_id" ON "committee_post_holding" ("member_id");
INSERT INTO "committee_post_holding" ("post_id", "member_id", "valid_from", "valid_to")
    SELECT old."id", old."member_id", COALESCE(old."since", term."starts_on"), old."until"
    FROM "_committee_post_v4" AS old
    JOIN "committee_post" AS post ON post."id" = old."id"
    JOIN "committee_term" AS term ON term."id" = post."term_id"
    WHERE old."member_id" IS NOT NULL
    ORDER BY old."id";
DROP TABLE "_committee_post_v4";

CREATE TABLE "group_membership" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "member_id" INTEGER NOT NULL,
    "party_group_id" INTEGER NOT NULL,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("party_group_id") REFERENCES "party_group" ("id") ON DELETE CASCADE
);
CREATE INDEX "group_membership_member_id" ON "group_membership" ("member_id");
CREATE INDEX "group_membership_party_group_id" ON "group_membership" ("party_group_id");
INSERT INTO "group_membership" ("member_id", "party_group_id", "valid_from", "valid_to")
    SELECT "id", "party_group_id", COALESCE("joined_on", DATE("created_at")), NULL
    FROM "member" WHERE "party_group_id" IS NOT NULL ORDER BY "id";
"""

_0006_RECORDS_FROM = """
ALTER TABLE "branch" ADD COLUMN "records_from" DATE;
UPDATE "branch" SET "records_from" = COALESCE(
    (SELECT MIN("day") FROM (
        SELECT MIN("held_on") AS "day" FROM "meeting"
        UNION ALL SELECT MIN("held_on") FROM "theme_day"
        UNION ALL SELECT MIN("held_on") FROM "heart_talk"
    )),
    "founded_on"
);

CREATE TABLE "reminder_dismissal" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "obligation" VARCHAR(40) NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "dismissed_on" DATE NOT NULL
);
CREATE UNIQUE INDEX "reminder_dismissal_obligation_period_start"
    ON "reminder_dismissal" ("obligation", "period_start");
"""

_0007_REPORTS = """
CREATE TABLE "period_report" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "period_code" VARCHAR(40) NOT NULL,
    "period_label" VARCHAR(60) NOT NULL,
    "state" VARCHAR(32) NOT NULL,
    "content" TEXT NOT NULL,
    "figures" TEXT NOT NULL,
    "saved_at" DATETIME NOT NULL,
    "finished_at" DATETIME,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT
);
CREATE INDEX "period_report_branch_id" ON "period_report" ("branch_id");
CREATE INDEX "period_report_branch_id_period_code" ON "period_report" ("branch_id", "period_code");
CREATE UNIQUE INDEX "period_report_one_draft" ON "period_report" ("branch_id", "period_code")
    WHERE "state" = 'draft';
"""

_0009_WRITTEN_OPINIONS = """
ALTER TABLE "resolution" ADD COLUMN "kind" VARCHAR(32) NOT NULL DEFAULT 'general';
ALTER TABLE "resolution" ADD COLUMN "written_for" INTEGER;
ALTER TABLE "resolution" ADD COLUMN "written_against" INTEGER;
"""

_0008_MEMBER_EVENT_DECISIONS = """
ALTER TABLE "member_event" ADD COLUMN "ends_on" DATE;
ALTER TABLE "member_event" ADD COLUMN "resolution" TEXT NOT NULL DEFAULT '';
ALTER TABLE "member_event" ADD COLUMN "meeting_id" INTEGER
    REFERENCES "meeting" ("id") ON DELETE SET NULL;
CREATE INDEX "member_event_meeting_id" ON "member_event" ("meeting_id");
"""

_0010_THEME_DAY_CHAIR = """
ALTER TABLE "theme_day" ADD COLUMN "chair_id" INTEGER
    REFERENCES "member" ("id") ON DELETE RESTRICT;
CREATE INDEX "theme_day_chair_id" ON "theme_day" ("chair_id");
"""

_0011_BRANCH_NAME_SPANS = """
CREATE TABLE "branch_name_span" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "parent_name" VARCHAR(100) NOT NULL,
    "valid_from" DATE NOT NULL,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE CASCADE
);
CREATE INDEX "branch_name_span_branch_id" ON "branch_name_span" ("branch_id");
CREATE UNIQUE INDEX "branch_name_span_branch_id_valid_from"
    ON "branch_name_span" ("branch_id", "valid_from");
INSERT INTO "branch_name_span" ("branch_id", "name", "parent_name", "valid_from")
    SELECT branch."id", branch."name", organization."name", branch."founded_on"
    FROM "branch" AS branch
    JOIN "organization" AS organization ON organization."id" = branch."organization_id"
    ORDER BY branch."id";
"""

_0012_IDEOLOGY_REVIEWS = """
CREATE TABLE "ideology_review" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "held_on" DATE NOT NULL,
    "place" VARCHAR(100) NOT NULL,
    "state" VARCHAR(32) NOT NULL,
    "late_entry" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "archived_at" DATETIME,
    "chair_id" INTEGER,
    "areas" TEXT NOT NULL,
    "follow_ups" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "reported_on" DATE,
    "meeting_id" INTEGER,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("chair_id") REFERENCES "member" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE SET NULL
);
CREATE INDEX "ideology_review_branch_id" ON "ideology_review" ("branch_id");
CREATE INDEX "ideology_review_branch_id_held_on" ON "ideology_review" ("branch_id", "held_on");
CREATE INDEX "ideology_review_chair_id" ON "ideology_review" ("chair_id");
CREATE INDEX "ideology_review_meeting_id" ON "ideology_review" ("meeting_id");
ALTER TABLE "attendance" ADD COLUMN "ideology_review_id" INTEGER
    REFERENCES "ideology_review" ("id") ON DELETE CASCADE;
CREATE INDEX "attendance_ideology_review_id" ON "attendance" ("ideology_review_id");
ALTER TABLE "attachment" ADD COLUMN "ideology_review_id" INTEGER
    REFERENCES "ideology_review" ("id") ON DELETE CASCADE;
CREATE INDEX "attachment_ideology_review_id" ON "attachment" ("ideology_review_id");
"""

_0013_ORG_LIFE_MEETINGS = """
CREATE TABLE "org_life_meeting" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "held_on" DATE NOT NULL,
    "place" VARCHAR(100) NOT NULL,
    "state" VARCHAR(32) NOT NULL,
    "late_entry" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "archived_at" DATETIME,
    "theme" VARCHAR(200) NOT NULL,
    "chair_id" INTEGER,
    "recorder_id" INTEGER,
    "study" TEXT NOT NULL,
    "opinions_count" INTEGER,
    "opinions_source" VARCHAR(200) NOT NULL,
    "talk_ids" TEXT NOT NULL,
    "self_reviews" TEXT NOT NULL,
    "criticisms" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("chair_id") REFERENCES "member" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("recorder_id") REFERENCES "member" ("id") ON DELETE RESTRICT
);
CREATE INDEX "org_life_meeting_branch_id" ON "org_life_meeting" ("branch_id");
CREATE INDEX "org_life_meeting_branch_id_held_on" ON "org_life_meeting" ("branch_id", "held_on");
CREATE INDEX "org_life_meeting_chair_id" ON "org_life_meeting" ("chair_id");
CREATE INDEX "org_life_meeting_recorder_id" ON "org_life_meeting" ("recorder_id");

CREATE TABLE "rectification_item" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "org_life_meeting_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "problem" VARCHAR(300) NOT NULL,
    "measure" TEXT NOT NULL,
    "owner_id" INTEGER,
    "due_on" DATE,
    "closed_on" DATE,
    "close_note" VARCHAR(300) NOT NULL,
    FOREIGN KEY ("org_life_meeting_id") REFERENCES "org_life_meeting" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("owner_id") REFERENCES "member" ("id") ON DELETE RESTRICT
);
CREATE INDEX "rectification_item_org_life_meeting_id"
    ON "rectification_item" ("org_life_meeting_id");
CREATE INDEX "rectification_item_owner_id" ON "rectification_item" ("owner_id");
ALTER TABLE "attendance" ADD COLUMN "org_life_meeting_id" INTEGER
    REFERENCES "org_life_meeting" ("id") ON DELETE CASCADE;
CREATE INDEX "attendance_org_life_meeting_id" ON "attendance" ("org_life_meeting_id");
ALTER TABLE "attachment" ADD COLUMN "org_life_meeting_id" INTEGER
    REFERENCES "org_life_meeting" ("id") ON DELETE CASCADE;
CREATE INDEX "attachment_org_life_meeting_id" ON "attachment" ("org_life_meeting_id");
"""

_0014_MEMBER_APPRAISALS = """
CREATE TABLE "member_appraisal" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "held_on" DATE NOT NULL,
    "place" VARCHAR(100) NOT NULL,
    "state" VARCHAR(32) NOT NULL,
    "late_entry" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "archived_at" DATETIME,
    "org_life_meeting_id" INTEGER,
    "meeting_id" INTEGER,
    "voters" INTEGER,
    "summary" TEXT NOT NULL,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("org_life_meeting_id") REFERENCES "org_life_meeting" ("id") ON DELETE SET NULL,
    FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE SET NULL
);
CREATE INDEX "member_appraisal_branch_id" ON "member_appraisal" ("branch_id");
CREATE INDEX "member_appraisal_branch_id_held_on" ON "member_appraisal" ("branch_id", "held_on");
CREATE INDEX "member_appraisal_org_life_meeting_id"
    ON "member_appraisal" ("org_life_meeting_id");
CREATE INDEX "member_appraisal_meeting_id" ON "member_appraisal" ("meeting_id");

CREATE TABLE "appraisal_rating" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "appraisal_id" INTEGER NOT NULL,
    "member_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "self_assessment" TEXT NOT NULL,
    "tally_excellent" INTEGER NOT NULL,
    "tally_qualified" INTEGER NOT NULL,
    "tally_basically_qualified" INTEGER NOT NULL,
    "tally_unqualified" INTEGER NOT NULL,
    "rating" VARCHAR(32),
    "reasons" TEXT NOT NULL,
    "decision" VARCHAR(32) NOT NULL,
    FOREIGN KEY ("appraisal_id") REFERENCES "member_appraisal" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT
);
CREATE INDEX "appraisal_rating_appraisal_id" ON "appraisal_rating" ("appraisal_id");
CREATE INDEX "appraisal_rating_member_id" ON "appraisal_rating" ("member_id");
ALTER TABLE "attachment" ADD COLUMN "member_appraisal_id" INTEGER
    REFERENCES "member_appraisal" ("id") ON DELETE CASCADE;
CREATE INDEX "attachment_member_appraisal_id" ON "attachment" ("member_appraisal_id");
"""

_0015_DUES = """
CREATE TABLE "dues_base" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "member_id" INTEGER NOT NULL,
    "year" SMALLINT NOT NULL,
    "category" VARCHAR(32) NOT NULL,
    "base_fen" INTEGER,
    "fixed_fen" INTEGER,
    "source" VARCHAR(100) NOT NULL,
    "recorded_at" DATETIME NOT NULL,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE CASCADE
);
CREATE INDEX "dues_base_member_id" ON "dues_base" ("member_id");
CREATE UNIQUE INDEX "dues_base_member_id_year" ON "dues_base" ("member_id", "year");

CREATE TABLE "dues_collection" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "held_on" DATE NOT NULL,
    "place" VARCHAR(100) NOT NULL,
    "state" VARCHAR(32) NOT NULL,
    "late_entry" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "archived_at" DATETIME,
    "month" DATE NOT NULL,
    "collector_id" INTEGER,
    "handed_on" DATE,
    "handed_fen" INTEGER,
    "summary" TEXT NOT NULL,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("collector_id") REFERENCES "member" ("id") ON DELETE RESTRICT
);
CREATE INDEX "dues_collection_branch_id" ON "dues_collection" ("branch_id");
CREATE INDEX "dues_collection_branch_id_held_on" ON "dues_collection" ("branch_id", "held_on");
CREATE INDEX "dues_collection_branch_id_month" ON "dues_collection" ("branch_id", "month");
CREATE INDEX "dues_collection_collector_id" ON "dues_collection" ("collector_id");

CREATE TABLE "dues_payment" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "collection_id" INTEGER NOT NULL,
    "member_id" INTEGER NOT NULL,
    "for_month" DATE NOT NULL,
    "due_fen" INTEGER,
    "paid_fen" INTEGER NOT NULL,
    "paid_on" DATE NOT NULL,
    "method" VARCHAR(20) NOT NULL,
    "note" VARCHAR(200) NOT NULL,
    "position" INTEGER NOT NULL,
    FOREIGN KEY ("collection_id") REFERENCES "dues_collection" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT
);
CREATE INDEX "dues_payment_collection_id" ON "dues_payment" ("collection_id");
CREATE INDEX "dues_payment_member_id" ON "dues_payment" ("member_id");
CREATE INDEX "dues_payment_member_id_for_month" ON "dues_payment" ("member_id", "for_month");

CREATE TABLE "dues_arrears_decision" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "member_id" INTEGER NOT NULL,
    "since_month" DATE NOT NULL,
    "months" INTEGER NOT NULL,
    "decided_on" DATE NOT NULL,
    "decision" VARCHAR(32) NOT NULL,
    "reason" TEXT NOT NULL,
    "pay_by" DATE,
    "meeting_id" INTEGER,
    "recorded_at" DATETIME NOT NULL,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE SET NULL
);
CREATE INDEX "dues_arrears_decision_member_id" ON "dues_arrears_decision" ("member_id");
CREATE INDEX "dues_arrears_decision_meeting_id" ON "dues_arrears_decision" ("meeting_id");

ALTER TABLE "transfer" ADD COLUMN "dues_paid_through" DATE;
ALTER TABLE "attachment" ADD COLUMN "dues_collection_id" INTEGER
    REFERENCES "dues_collection" ("id") ON DELETE CASCADE;
CREATE INDEX "attachment_dues_collection_id" ON "attachment" ("dues_collection_id");
ALTER TABLE "branch" ADD COLUMN "dues_from" DATE;
UPDATE "branch" SET "dues_from" = date('now', 'localtime');
"""

_0016_RECRUITMENT = """
CREATE TABLE "recruitment" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "gender" VARCHAR(32),
    "ethnicity" VARCHAR(20) NOT NULL,
    "birth_date" DATE,
    "id_number" VARCHAR(18),
    "education" VARCHAR(30) NOT NULL,
    "position" VARCHAR(50) NOT NULL,
    "phone" VARCHAR(20) NOT NULL,
    "backbone" INTEGER NOT NULL,
    "member_id" INTEGER,
    "stopped_on" DATE,
    "stop_reason" TEXT NOT NULL,
    "notes" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE SET NULL
);
CREATE INDEX "recruitment_branch_id" ON "recruitment" ("branch_id");
CREATE UNIQUE INDEX "recruitment_id_number" ON "recruitment" ("id_number");
CREATE INDEX "recruitment_member_id" ON "recruitment" ("member_id");

CREATE TABLE "recruitment_step" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "recruitment_id" INTEGER NOT NULL,
    "step" SMALLINT NOT NULL,
    "done_on" DATE NOT NULL,
    "note" TEXT NOT NULL,
    "meeting_id" INTEGER,
    "training_days" INTEGER,
    "training_hours" INTEGER,
    "recorded_at" DATETIME NOT NULL,
    FOREIGN KEY ("recruitment_id") REFERENCES "recruitment" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE SET NULL
);
CREATE INDEX "recruitment_step_recruitment_id" ON "recruitment_step" ("recruitment_id");
CREATE INDEX "recruitment_step_meeting_id" ON "recruitment_step" ("meeting_id");
CREATE INDEX "recruitment_step_recruitment_id_step"
    ON "recruitment_step" ("recruitment_id", "step");

CREATE TABLE "recruitment_step_person" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "step_id" INTEGER NOT NULL,
    "member_id" INTEGER NOT NULL,
    "role" VARCHAR(32) NOT NULL,
    FOREIGN KEY ("step_id") REFERENCES "recruitment_step" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT
);
CREATE INDEX "recruitment_step_person_step_id" ON "recruitment_step_person" ("step_id");
CREATE INDEX "recruitment_step_person_member_id" ON "recruitment_step_person" ("member_id");

ALTER TABLE "resolution" ADD COLUMN "recruitment_id" INTEGER
    REFERENCES "recruitment" ("id") ON DELETE SET NULL;
ALTER TABLE "resolution" ADD COLUMN "member_id" INTEGER
    REFERENCES "member" ("id") ON DELETE SET NULL;
ALTER TABLE "resolution" ADD COLUMN "extended_to" DATE;
CREATE INDEX "resolution_recruitment_id" ON "resolution" ("recruitment_id");
CREATE INDEX "resolution_member_id" ON "resolution" ("member_id");
ALTER TABLE "member_event" ADD COLUMN "decided_in_id" INTEGER
    REFERENCES "meeting" ("id") ON DELETE SET NULL;
CREATE INDEX "member_event_decided_in_id" ON "member_event" ("decided_in_id");
ALTER TABLE "attachment" ADD COLUMN "recruitment_step_id" INTEGER
    REFERENCES "recruitment_step" ("id") ON DELETE CASCADE;
CREATE INDEX "attachment_recruitment_step_id" ON "attachment" ("recruitment_step_id");
"""

_0017_NOTICE_WORK = """
CREATE TABLE "leadership_member" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "member_id" INTEGER NOT NULL,
    "title" VARCHAR(30) NOT NULL,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE CASCADE
);
CREATE INDEX "leadership_member_member_id" ON "leadership_member" ("member_id");

CREATE TABLE "training" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "held_on" DATE NOT NULL,
    "place" VARCHAR(100) NOT NULL,
    "state" VARCHAR(32) NOT NULL,
    "late_entry" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "archived_at" DATETIME,
    "title" VARCHAR(200) NOT NULL,
    "organiser" VARCHAR(100) NOT NULL,
    "ends_on" DATE,
    "class_hours" DECIMAL(6, 1),
    "content" TEXT NOT NULL,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT
);
CREATE INDEX "training_branch_id" ON "training" ("branch_id");
CREATE INDEX "training_branch_id_held_on" ON "training" ("branch_id", "held_on");

CREATE TABLE "student_pairing" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "member_id" INTEGER NOT NULL,
    "student" VARCHAR(50) NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "class_name" VARCHAR(30) NOT NULL,
    "need" VARCHAR(32) NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT
);
CREATE INDEX "student_pairing_branch_id" ON "student_pairing" ("branch_id");
CREATE INDEX "student_pairing_member_id" ON "student_pairing" ("member_id");

CREATE TABLE "pairing_help" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "held_on" DATE NOT NULL,
    "place" VARCHAR(100) NOT NULL,
    "state" VARCHAR(32) NOT NULL,
    "late_entry" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "archived_at" DATETIME,
    "pairing_id" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("pairing_id") REFERENCES "student_pairing" ("id") ON DELETE RESTRICT
);
CREATE INDEX "pairing_help_branch_id" ON "pairing_help" ("branch_id");
CREATE INDEX "pairing_help_pairing_id" ON "pairing_help" ("pairing_id");
CREATE INDEX "pairing_help_branch_id_held_on" ON "pairing_help" ("branch_id", "held_on");

CREATE TABLE "pairing_summary" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "pairing_id" INTEGER NOT NULL,
    "term_start" DATE NOT NULL,
    "text" TEXT NOT NULL,
    "written_on" DATE NOT NULL,
    "recorded_at" DATETIME NOT NULL,
    FOREIGN KEY ("pairing_id") REFERENCES "student_pairing" ("id") ON DELETE CASCADE
);
CREATE INDEX "pairing_summary_pairing_id" ON "pairing_summary" ("pairing_id");
CREATE UNIQUE INDEX "pairing_summary_pairing_id_term_start"
    ON "pairing_summary" ("pairing_id", "term_start");

CREATE TABLE "organisation_report" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "held_on" DATE NOT NULL,
    "place" VARCHAR(100) NOT NULL,
    "state" VARCHAR(32) NOT NULL,
    "late_entry" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "archived_at" DATETIME,
    "half_start" DATE NOT NULL,
    "reported_on" DATE,
    "notes" TEXT NOT NULL,
    "snapshot" TEXT NOT NULL,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT
);
CREATE INDEX "organisation_report_branch_id" ON "organisation_report" ("branch_id");
CREATE INDEX "organisation_report_branch_id_held_on"
    ON "organisation_report" ("branch_id", "held_on");

CREATE TABLE "award" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "member_id" INTEGER,
    "kind" VARCHAR(32) NOT NULL,
    "title" VARCHAR(100) NOT NULL,
    "year" INTEGER NOT NULL,
    "granted_by" VARCHAR(100) NOT NULL,
    "granted_on" DATE,
    "notes" TEXT NOT NULL,
    "recorded_at" DATETIME NOT NULL,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT
);
CREATE INDEX "award_branch_id" ON "award" ("branch_id");
CREATE INDEX "award_member_id" ON "award" ("member_id");

ALTER TABLE "attendance" ADD COLUMN "training_id" INTEGER
    REFERENCES "training" ("id") ON DELETE CASCADE;
CREATE INDEX "attendance_training_id" ON "attendance" ("training_id");
ALTER TABLE "attachment" ADD COLUMN "training_id" INTEGER
    REFERENCES "training" ("id") ON DELETE CASCADE;
CREATE INDEX "attachment_training_id" ON "attachment" ("training_id");
ALTER TABLE "attachment" ADD COLUMN "pairing_help_id" INTEGER
    REFERENCES "pairing_help" ("id") ON DELETE CASCADE;
CREATE INDEX "attachment_pairing_help_id" ON "attachment" ("pairing_help_id");
"""

_0018_NOTICE_FROM = """
ALTER TABLE "branch" ADD COLUMN "notice_from" DATE;
UPDATE "branch" SET "notice_from" = date('now', 'localtime');
"""

_0019_COUNTY = """
CREATE TABLE "county_branch" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "uid" VARCHAR(64) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "public_key" VARCHAR(200),
    "key_confirmed" INTEGER NOT NULL,
    "first_seen_at" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "county_branch_uid" ON "county_branch" ("uid");

CREATE TABLE "county_package" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "period_code" VARCHAR(40) NOT NULL,
    "period_label" VARCHAR(60) NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "created_at" VARCHAR(40) NOT NULL,
    "app_version" VARCHAR(40) NOT NULL,
    "sha256" VARCHAR(64) NOT NULL,
    "size" INTEGER NOT NULL,
    "file_name" VARCHAR(255) NOT NULL,
    "stored_name" VARCHAR(100) NOT NULL,
    "encrypted" INTEGER NOT NULL,
    "fingerprint" VARCHAR(100),
    "signer_key" VARCHAR(200),
    "status" VARCHAR(20) NOT NULL,
    "superseded_by_id" INTEGER,
    "notes" TEXT NOT NULL,
    "records" TEXT NOT NULL,
    "compliance" TEXT NOT NULL,
    "imported_at" DATETIME NOT NULL,
    FOREIGN KEY ("branch_id") REFERENCES "county_branch" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("superseded_by_id") REFERENCES "county_package" ("id") ON DELETE SET NULL
);
CREATE INDEX "county_package_branch_id" ON "county_package" ("branch_id");
CREATE UNIQUE INDEX "county_package_sha256" ON "county_package" ("sha256");
CREATE INDEX "county_package_superseded_by_id" ON "county_package" ("superseded_by_id");
CREATE INDEX "county_package_branch_id_period_code"
    ON "county_package" ("branch_id", "period_code");
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "organisation, members, committee, settings and audit log",
        _0001_ORGANISATION_AND_MEMBERS,
    ),
    Migration(
        2,
        "meetings, theme days, heart-to-heart talks, attendance and attachments",
        _0002_PROCEDURES,
    ),
    Migration(3, "amendments to archived records", _0003_AMENDMENTS),
    Migration(4, "a meeting's chair entrusted when the secretary is absent", _0004_ENTRUSTED_CHAIR),
    Migration(
        5,
        "committee post holdings and party-group membership as dated spans",
        _0005_HISTORY_SPANS,
    ),
    Migration(
        6,
        "the day the branch began keeping its records here; dismissed reminders",
        _0006_RECORDS_FROM,
    ),
    Migration(7, "the period's report: its draft and finished texts", _0007_REPORTS),
    Migration(
        8,
        "probation extended or cancelled and 留党察看: end date and deciding resolution",
        _0008_MEMBER_EVENT_DECISIONS,
    ),
    Migration(
        9,
        "a resolution's kind and the written opinions of absent voters (rules.md §7)",
        _0009_WRITTEN_OPINIONS,
    ),
    Migration(10, "a theme day's chair (主持人); empty on older records", _0010_THEME_DAY_CHAIR),
    Migration(
        11,
        "the branch's name and parent organisation as dated spans, from the founding",
        _0011_BRANCH_NAME_SPANS,
    ),
    Migration(12, "意识形态风险研判: monthly reviews of ideological risk", _0012_IDEOLOGY_REVIEWS),
    Migration(13, "组织生活会 with 对照检查, 批评与自我批评 and 整改清单", _0013_ORG_LIFE_MEETINGS),
    Migration(14, "民主评议党员 and each member's rating", _0014_MEMBER_APPRAISALS),
    Migration(
        15,
        "党费: yearly bases, monthly collections and payments, decisions on arrears",
        _0015_DUES,
    ),
    Migration(
        16,
        "发展党员: each person's file through the 525 procedure, its steps and people",
        _0016_RECRUITMENT,
    ),
    Migration(
        17,
        "the rest of the notice: 班子成员, 培训, 结对帮扶, 组织设置情况 and 评先",
        _0017_NOTICE_WORK,
    ),
    Migration(
        18,
        "the day the rest of the notice came to a branch kept here before",
        _0018_NOTICE_FROM,
    ),
    Migration(
        19, "县局汇总: the branches and the packages a county data folder received", _0019_COUNTY
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version
