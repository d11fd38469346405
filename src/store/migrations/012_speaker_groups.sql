-- Group speakers ("Ruth Calder and Bob Quill said …" is one speaker to the extractor): the folded
-- names of their parts (speaker-names.ts groupPartKeys), written with the group and, for groups
-- stored before, at start (SPEAKER_RULES_VERSION 'speaker-groups-v1'). A part is a member when it
-- names a speaker with statements of their own, read when speakers are listed, so a member whose
-- first article arrives after the group's is one too; a group counts only when every part is.
-- tokens = 1: a bare surname ("Calder"), the one full-named speaker with it, as for statements.
CREATE TABLE speaker_group_parts (
  group_id bigint NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
  part_key text NOT NULL,
  tokens   integer NOT NULL,
  PRIMARY KEY (group_id, part_key)
);
CREATE INDEX speaker_group_parts_key ON speaker_group_parts (part_key);
