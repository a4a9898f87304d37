-- Prefix look-ups of typed words ("inve" → investment) use this btree whatever the collation.
CREATE INDEX IF NOT EXISTS search_words_prefix_idx ON search_words (word text_pattern_ops);
