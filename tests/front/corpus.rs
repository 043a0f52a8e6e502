//! The bad-input corpus.
