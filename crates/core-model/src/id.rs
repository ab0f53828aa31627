//! Stable ids: the same item loaded twice keeps its id.
//!
//! Ids are UUID version 5 (SHA-1 name-based, RFC 9562 §5.5) from a fixed Dostyk namespace and a
//! natural key made of the item's kind and the fields that identify it. Reloading a dataset, or
//! loading the same item from another file, gives the same id; changing a non-key field does not
//! change it.
//!
//! ```
//! use dostyk_core_model::id::stable_id;
//!
//! let a = stable_id("measure", &["ICIC Central Asia", "2024-02-15"]);
//! let b = stable_id("measure", &["ICIC Central Asia", "2024-02-15"]);
//! assert_eq!(a, b);
//! assert_ne!(a, stable_id("measure", &["Darbaza-Maktaaral railway", "2023-11-27"]));
//! ```

use uuid::Uuid;

/// The namespace of every Dostyk id (itself the v5 id of the name `dostyk` in the URL namespace).
pub const NAMESPACE: Uuid = Uuid::from_u128(0x622f_6909_a56c_5993_9bcf_351b_0299_8147);

/// The id of an item of kind `kind` (e.g. `"meeting"`) with natural key `key`.
///
/// Key parts are joined with the unit separator (U+001F) after trimming, so `["a b", "c"]` and
/// `["a", "b c"]` give different ids.
pub fn stable_id(kind: &str, key: &[&str]) -> Uuid {
    let mut name = String::with_capacity(64);
    name.push_str(kind.trim());
    for part in key {
        name.push('\u{1f}');
        name.push_str(part.trim());
    }
    Uuid::new_v5(&NAMESPACE, name.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespace_is_the_v5_id_of_dostyk() {
        assert_eq!(NAMESPACE, Uuid::new_v5(&Uuid::NAMESPACE_URL, b"dostyk"));
    }

    #[test]
    fn ids_are_stable_and_key_sensitive() {
        let id = stable_id("meeting", &["2024-08-08", "Astana"]);
        assert_eq!(id.get_version_num(), 5);
        assert_eq!(id, stable_id(" meeting ", &["2024-08-08 ", "Astana"]));
        assert_ne!(id, stable_id("meeting", &["2024-08-08", "Tashkent"]));
        assert_ne!(stable_id("k", &["a b", "c"]), stable_id("k", &["a", "b c"]));
    }
}
