-- Behavioral activation: life areas and what the person values in them,
-- activities (a starter library and their own), plans with an RFC 5545 repeat
-- rule kept in local wall time, what happened with each occurrence, and the
-- reminders already shown. See src/activation/.

CREATE TABLE life_areas (
    area        TEXT PRIMARY KEY CHECK (area IN ('relationships', 'work', 'recreation', 'mind_body', 'responsibilities')),
    value       TEXT NOT NULL DEFAULT '',      -- "I want to be a present friend"
    updated_at  INTEGER NOT NULL
) STRICT;
INSERT INTO life_areas (area, updated_at) VALUES
    ('relationships', 0), ('work', 0), ('recreation', 0), ('mind_body', 0), ('responsibilities', 0);

CREATE TABLE activities (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,          -- UUIDv7; fixed for the starter library
    area        TEXT NOT NULL REFERENCES life_areas (area),
    name        TEXT NOT NULL COLLATE NOCASE UNIQUE,
    tiny        TEXT NOT NULL DEFAULT '',      -- the smallest version, for low days
    minutes     INTEGER CHECK (minutes BETWEEN 1 AND 1440),
    hidden      INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;

-- The starter library. Several are what clinicians suggest for emotional
-- numbness: savouring a small pleasant moment, small movement, a minute of
-- attention to the senses, novelty, and noticing a glimmer.
INSERT INTO activities (id, area, name, tiny, minutes, created_at, updated_at) VALUES
    ('01900000-0000-7000-8000-000000000001', 'relationships', 'Send a friend a message', 'Send one line, even just “thinking of you”.', 5, 0, 0),
    ('01900000-0000-7000-8000-000000000002', 'relationships', 'Call someone you like', 'Call for two minutes, or leave a short voice note.', 15, 0, 0),
    ('01900000-0000-7000-8000-000000000003', 'relationships', 'Share a tea or a meal with someone', 'Sit with someone for five minutes.', 30, 0, 0),
    ('01900000-0000-7000-8000-000000000004', 'relationships', 'Write a thank-you note', 'Write one sentence of thanks.', 10, 0, 0),
    ('01900000-0000-7000-8000-000000000005', 'relationships', 'Ask someone about their day', 'Ask one question and listen to the answer.', 5, 0, 0),
    ('01900000-0000-7000-8000-000000000006', 'relationships', 'Play with a pet or a child', 'Two minutes of play, or stroke a pet.', 15, 0, 0),
    ('01900000-0000-7000-8000-000000000007', 'relationships', 'Make a plan to meet someone', 'Suggest one day that could work.', 5, 0, 0),
    ('01900000-0000-7000-8000-000000000008', 'relationships', 'Do a small kindness', 'Hold a door, or leave one kind comment.', 5, 0, 0),
    ('01900000-0000-7000-8000-000000000009', 'work', 'Learn one new thing', 'Read one paragraph about something you are curious about.', 15, 0, 0),
    ('01900000-0000-7000-8000-000000000010', 'work', 'Work on a task for ten minutes', 'Open it and do the first small step.', 10, 0, 0),
    ('01900000-0000-7000-8000-000000000011', 'work', 'Tidy your workspace', 'Clear one corner of the desk.', 15, 0, 0),
    ('01900000-0000-7000-8000-000000000012', 'work', 'Read a few pages of a book', 'Read one page.', 20, 0, 0),
    ('01900000-0000-7000-8000-000000000013', 'work', 'Practise a skill', 'Five minutes of practice.', 20, 0, 0),
    ('01900000-0000-7000-8000-000000000014', 'work', 'Plan tomorrow''s first step', 'Write down one thing for tomorrow.', 5, 0, 0),
    ('01900000-0000-7000-8000-000000000015', 'work', 'Answer one message you have put off', 'Open it and write the first line.', 10, 0, 0),
    ('01900000-0000-7000-8000-000000000016', 'recreation', 'Listen to music that is new to you', 'Play one song you have never heard.', 10, 0, 0),
    ('01900000-0000-7000-8000-000000000017', 'recreation', 'Cook a new recipe', 'Add one new spice or ingredient to something you already make.', 45, 0, 0),
    ('01900000-0000-7000-8000-000000000018', 'recreation', 'Take a different route', 'Turn down one street you do not usually take.', 20, 0, 0),
    ('01900000-0000-7000-8000-000000000019', 'recreation', 'Draw, doodle or colour', 'Two minutes of doodling, any shapes.', 15, 0, 0),
    ('01900000-0000-7000-8000-000000000020', 'recreation', 'Watch something funny', 'One short funny clip.', 10, 0, 0),
    ('01900000-0000-7000-8000-000000000021', 'recreation', 'Spend time in nature', 'Step outside and look at the sky for a minute.', 30, 0, 0),
    ('01900000-0000-7000-8000-000000000022', 'recreation', 'Play a game', 'One short round.', 15, 0, 0),
    ('01900000-0000-7000-8000-000000000023', 'recreation', 'Look at photos you like', 'Look at one photo for a minute.', 10, 0, 0),
    ('01900000-0000-7000-8000-000000000024', 'recreation', 'Dance to a song', 'Move to one song, any way you like.', 5, 0, 0),
    ('01900000-0000-7000-8000-000000000025', 'mind_body', 'Savour one small pleasant moment', 'Stay with one good moment for twenty seconds, and stop while it is still good.', 2, 0, 0),
    ('01900000-0000-7000-8000-000000000026', 'mind_body', 'Stretch', 'Reach your arms up for three slow breaths.', 5, 0, 0),
    ('01900000-0000-7000-8000-000000000027', 'mind_body', 'Go for a short walk', 'Walk to the end of the street and back.', 15, 0, 0),
    ('01900000-0000-7000-8000-000000000028', 'mind_body', 'Hold something textured', 'Hold something soft, rough or cool and notice it for a minute.', 2, 0, 0),
    ('01900000-0000-7000-8000-000000000029', 'mind_body', 'A minute with your senses', 'Smell something pleasant, feel a texture or taste something slowly, for one minute.', 1, 0, 0),
    ('01900000-0000-7000-8000-000000000030', 'mind_body', 'Note a glimmer', 'Write one line about a moment that felt a little alive.', 2, 0, 0),
    ('01900000-0000-7000-8000-000000000031', 'mind_body', 'Breathe slowly', 'Three slow breaths, out longer than in.', 2, 0, 0),
    ('01900000-0000-7000-8000-000000000032', 'mind_body', 'Take a warm shower or bath', 'Warm water on your hands for a minute.', 20, 0, 0),
    ('01900000-0000-7000-8000-000000000033', 'mind_body', 'Sit in the sun or by a window', 'One minute of light on your face.', 10, 0, 0),
    ('01900000-0000-7000-8000-000000000034', 'mind_body', 'Drink a glass of water', 'A few sips, slowly.', 2, 0, 0),
    ('01900000-0000-7000-8000-000000000035', 'responsibilities', 'Wash a few dishes', 'Wash one cup.', 15, 0, 0),
    ('01900000-0000-7000-8000-000000000036', 'responsibilities', 'Make the bed', 'Straighten the cover.', 5, 0, 0),
    ('01900000-0000-7000-8000-000000000037', 'responsibilities', 'Put on clean clothes', 'Change one thing, like your socks.', 10, 0, 0),
    ('01900000-0000-7000-8000-000000000038', 'responsibilities', 'Eat a simple meal', 'Eat something small, like a piece of fruit.', 20, 0, 0),
    ('01900000-0000-7000-8000-000000000039', 'responsibilities', 'Open the post', 'Open one envelope.', 10, 0, 0),
    ('01900000-0000-7000-8000-000000000040', 'responsibilities', 'Take out the rubbish', 'Tie up the bag and put it by the door.', 5, 0, 0),
    ('01900000-0000-7000-8000-000000000041', 'responsibilities', 'Tidy one surface', 'Put three things away.', 10, 0, 0),
    ('01900000-0000-7000-8000-000000000042', 'responsibilities', 'Let fresh air in', 'Open a window for a minute.', 2, 0, 0);

CREATE TABLE plans (
    seq            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,       -- UUIDv7
    activity_id    TEXT NOT NULL REFERENCES activities (id),
    start_day      TEXT NOT NULL,              -- local date, YYYY-MM-DD
    start_time     TEXT,                       -- local wall time HH:MM; NULL: sometime that day
    tz             TEXT NOT NULL,              -- IANA zone the wall time is kept in
    rule           TEXT,                       -- RFC 5545 RRULE, DAILY or WEEKLY; NULL: once
    remind_minutes INTEGER CHECK (remind_minutes BETWEEN 0 AND 10080),
    predicted      INTEGER CHECK (predicted BETWEEN 0 AND 10), -- expected enjoyment, set when planning
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
) STRICT;

-- Only occurrences something happened to are stored; the rest come from the
-- rule. (plan_id, day) names an occurrence: a plan happens at most once a day.
CREATE TABLE occurrences (
    plan_id     TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    day         TEXT NOT NULL,                 -- the planned local day
    status      TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'partly', 'not_today')),
    moved_day   TEXT,                          -- moved to another day, local in the plan's zone
    moved_time  TEXT,                          -- and time; NULL: sometime that day
    moved_at    INTEGER,                       -- its start (or the day's start) as Unix ms, for ranges
    predicted   INTEGER CHECK (predicted BETWEEN 0 AND 10),
    enjoyment   INTEGER CHECK (enjoyment BETWEEN 0 AND 10),
    mastery     INTEGER CHECK (mastery BETWEEN 0 AND 10),
    intensity   INTEGER CHECK (intensity BETWEEN 0 AND 10), -- how vividly anything was felt after
    note        TEXT NOT NULL DEFAULT '',
    entry_id    TEXT,                          -- a glimmer noted from this
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (plan_id, day)
) STRICT, WITHOUT ROWID;
CREATE INDEX occurrences_moved ON occurrences (moved_at) WHERE moved_at IS NOT NULL;

-- Each reminder is shown once: the occurrence and the start it was about (a
-- moved occurrence is reminded of again).
CREATE TABLE reminders_fired (
    plan_id   TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    day       TEXT NOT NULL,
    start_at  INTEGER NOT NULL,
    fired_at  INTEGER NOT NULL,
    PRIMARY KEY (plan_id, day, start_at)
) STRICT, WITHOUT ROWID;
