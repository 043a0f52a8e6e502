//! The IR front end: valid fixtures load cleanly and deterministically; the
//! invalid corpus yields the expected, well-explained diagnostics.

mod corpus;
mod docs;
mod hostile;
mod scale;
mod valid;
