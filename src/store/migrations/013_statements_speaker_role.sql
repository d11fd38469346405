-- Roles follow the statements that remain (speakers.ts pruneSpeakerRoles): when an article is
-- deleted or replaced, "has this speaker another statement with this role?" is one probe of this
-- index, not a walk through every statement of a prolific speaker. It replaces the index on
-- speaker_id alone, which it serves as well (speaker_id first): bulk loads keep three indexes.
CREATE INDEX statements_speaker_role ON statements (speaker_id, speaker_role);
DROP INDEX statements_speaker;
