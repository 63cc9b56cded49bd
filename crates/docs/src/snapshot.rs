//! The snapshot's fingerprint: SHA-256 of its canonical JSON (object keys sorted, no
//! whitespace), so that the same data gives the same hash whatever order a struct's
//! fields or a map's entries were written in.

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::DocsError;

/// The canonical JSON text of a value.
pub fn canonical_json<T: Serialize>(value: &T) -> Result<String, DocsError> {
    let value = serde_json::to_value(value).map_err(|e| DocsError::Snapshot(e.to_string()))?;
    let mut out = String::new();
    write(&value, &mut out)?;
    Ok(out)
}

fn write(value: &Value, out: &mut String) -> Result<(), DocsError> {
    match value {
        Value::Object(map) => {
            // Sorted here rather than trusting the map: serde_json keeps insertion order
            // when another crate of the build turns on `preserve_order`.
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&scalar(&Value::String(k.clone()))?);
                out.push(':');
                write(v, out)?;
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(v, out)?;
            }
            out.push(']');
        }
        other => out.push_str(&scalar(other)?),
    }
    Ok(())
}

fn scalar(value: &Value) -> Result<String, DocsError> {
    serde_json::to_string(value).map_err(|e| DocsError::Snapshot(e.to_string()))
}

/// The SHA-256 of a value's canonical JSON, lower-case hex.
pub fn sha256_hex<T: Serialize>(value: &T) -> Result<String, DocsError> {
    Ok(hex::encode(Sha256::digest(
        canonical_json(value)?.as_bytes(),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_are_sorted_at_every_level() {
        let v = json!({"b": 1, "a": {"z": [1, {"y": "ñ", "x": null}], "c": true}});
        assert_eq!(
            canonical_json(&v).unwrap(),
            r#"{"a":{"c":true,"z":[1,{"x":null,"y":"ñ"}]},"b":1}"#
        );
        let same = json!({"a": {"c": true, "z": [1, {"x": null, "y": "ñ"}]}, "b": 1});
        assert_eq!(sha256_hex(&v).unwrap(), sha256_hex(&same).unwrap());
        assert_eq!(sha256_hex(&v).unwrap().len(), 64);
    }
}
