//! Ids a page gives the entry its form will write (a care entry, a book, a call), so the
//! same entry sent twice — a retry on a weak network, the outbox — is stored once.

/// A fresh id for an entry a form will write.
pub fn new_uid() -> String {
    uuid::Uuid::new_v4().to_string()
}
