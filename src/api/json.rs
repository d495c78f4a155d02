//! The few JSON shapes of Ada's webhook API, read and written without a JSON library in the shipped
//! build: in the browser the text goes through the browser's own `JSON.parse`, which costs no wasm
//! bytes (serde_json cost about 19 KB of brotli-compressed first load); native builds, which only
//! run tests, parse with serde_json. The rules every body follows are written once on top of that:
//! a missing or `null` field reads as its default, a field of the wrong type makes the whole body
//! unreadable, and unknown fields are ignored (API-NOTES §3, §7).

/// A body, or part of one, that is not the shape Ada documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Malformed;

pub type Decoded<T> = Result<T, Malformed>;

/// A DTO that can be read from a parsed JSON value.
pub trait FromJson: Sized {
    fn from_json(value: &Json) -> Decoded<Self>;

    /// Parses `text` and reads it; anything that is not JSON of the right shape is [`Malformed`].
    fn from_json_text(text: &str) -> Decoded<Self> {
        Self::from_json(&Json::parse(text).ok_or(Malformed)?)
    }
}

/// A parsed JSON value.
pub struct Json(Value);

#[cfg(target_arch = "wasm32")]
type Value = wasm_bindgen::JsValue;

#[cfg(target_arch = "wasm32")]
impl Json {
    pub fn parse(text: &str) -> Option<Json> {
        js_sys::JSON::parse(text).ok().map(Json)
    }

    fn is_object(&self) -> bool {
        self.0.is_object() && !js_sys::Array::is_array(&self.0)
    }

    /// The value of an object's field; `None` when missing or `null`, or for a non-object. For
    /// fields whose shape varies; the typed readers below cover the rest.
    pub fn field(&self, name: &str) -> Option<Json> {
        if !self.is_object() {
            return None;
        }
        let value = js_sys::Reflect::get(&self.0, &wasm_bindgen::JsValue::from_str(name)).ok()?;
        (!value.is_null() && !value.is_undefined()).then_some(Json(value))
    }

    fn as_text(&self) -> Option<String> {
        self.0.as_string()
    }

    fn as_flag(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn as_items(&self) -> Option<Vec<Json>> {
        js_sys::Array::is_array(&self.0)
            .then(|| js_sys::Array::from(&self.0).iter().map(Json).collect())
    }
}

#[cfg(not(target_arch = "wasm32"))]
type Value = serde_json::Value;

#[cfg(not(target_arch = "wasm32"))]
impl Json {
    pub fn parse(text: &str) -> Option<Json> {
        serde_json::from_str(text).ok().map(Json)
    }

    fn is_object(&self) -> bool {
        self.0.is_object()
    }

    pub fn field(&self, name: &str) -> Option<Json> {
        self.0
            .as_object()?
            .get(name)
            .filter(|value| !value.is_null())
            .cloned()
            .map(Json)
    }

    fn as_text(&self) -> Option<String> {
        self.0.as_str().map(str::to_owned)
    }

    fn as_flag(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn as_items(&self) -> Option<Vec<Json>> {
        Some(self.0.as_array()?.iter().cloned().map(Json).collect())
    }
}

impl Json {
    /// This value when it is an object; DTOs are objects, so anything else is malformed.
    pub fn object(&self) -> Decoded<&Json> {
        if self.is_object() {
            Ok(self)
        } else {
            Err(Malformed)
        }
    }

    pub fn text(&self) -> Decoded<String> {
        self.as_text().ok_or(Malformed)
    }

    /// A string field; missing or `null` reads as empty.
    pub fn text_field(&self, name: &str) -> Decoded<String> {
        Ok(self.optional_text_field(name)?.unwrap_or_default())
    }

    pub fn optional_text_field(&self, name: &str) -> Decoded<Option<String>> {
        self.field(name).map(|value| value.text()).transpose()
    }

    /// A boolean field; missing or `null` reads as false.
    pub fn flag_field(&self, name: &str) -> Decoded<bool> {
        self.field(name)
            .map_or(Ok(false), |value| value.as_flag().ok_or(Malformed))
    }

    /// An object field read with `read`; missing or `null` reads as `T::default()`.
    pub fn object_field<T: Default>(
        &self,
        name: &str,
        read: impl Fn(&Json) -> Decoded<T>,
    ) -> Decoded<T> {
        self.field(name)
            .map_or(Ok(T::default()), |value| read(value.object()?))
    }

    /// A list field whose items are read with `item`; missing or `null` reads as empty.
    pub fn list_field<T>(&self, name: &str, item: impl Fn(&Json) -> Decoded<T>) -> Decoded<Vec<T>> {
        match self.field(name) {
            None => Ok(Vec::new()),
            Some(value) => value.items()?.iter().map(item).collect(),
        }
    }

    pub fn items(&self) -> Decoded<Vec<Json>> {
        self.as_items().ok_or(Malformed)
    }
}

/// A value of an object [`object_text_of`] writes.
#[derive(Clone, Copy, Debug)]
pub enum Written<'a> {
    Text(&'a str),
    Flag(bool),
    Texts(&'a [String]),
}

/// `{"name":"value",…}` for string fields, escaped as JSON requires.
pub fn object_text(fields: &[(&str, &str)]) -> String {
    let fields: Vec<(&str, Written)> = fields
        .iter()
        .map(|(name, value)| (*name, Written::Text(value)))
        .collect();
    object_text_of(&fields)
}

/// `{"name":…,…}` for string, boolean and string-list fields, escaped as JSON requires.
pub fn object_text_of(fields: &[(&str, Written)]) -> String {
    let mut text = String::from("{");
    for (index, (name, value)) in fields.iter().enumerate() {
        if index > 0 {
            text.push(',');
        }
        push_string(&mut text, name);
        text.push(':');
        match value {
            Written::Text(value) => push_string(&mut text, value),
            Written::Flag(flag) => text.push_str(if *flag { "true" } else { "false" }),
            Written::Texts(items) => {
                text.push('[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        text.push(',');
                    }
                    push_string(&mut text, item);
                }
                text.push(']');
            }
        }
    }
    text.push('}');
    text
}

fn push_string(text: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    text.push('"');
    for character in value.chars() {
        match character {
            '"' => text.push_str("\\\""),
            '\\' => text.push_str("\\\\"),
            '\n' => text.push_str("\\n"),
            '\r' => text.push_str("\\r"),
            '\t' => text.push_str("\\t"),
            control if (control as u32) < 0x20 => {
                let code = control as usize;
                text.push_str("\\u00");
                text.push(char::from(HEX[code >> 4]));
                text.push(char::from(HEX[code & 0xf]));
            }
            other => text.push(other),
        }
    }
    text.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn missing_and_null_fields_read_as_defaults() {
        let value = Json::parse(r#"{"a":null,"unknown":[1,{"x":2}]}"#).unwrap();
        assert_eq!(value.text_field("a"), Ok(String::new()));
        assert_eq!(value.optional_text_field("b"), Ok(None));
        assert_eq!(value.flag_field("a"), Ok(false));
        assert_eq!(value.list_field("missing", Json::text), Ok(Vec::new()));
    }

    #[test]
    fn a_field_of_the_wrong_type_is_malformed() {
        let value = Json::parse(r#"{"text":1,"flag":"yes","list":{},"items":[1]}"#).unwrap();
        assert_eq!(value.text_field("text"), Err(Malformed));
        assert_eq!(value.flag_field("flag"), Err(Malformed));
        assert_eq!(value.list_field("list", Json::text), Err(Malformed));
        assert_eq!(value.list_field("items", Json::text), Err(Malformed));
        assert_eq!(
            value.object_field("text", |_| Ok(0)),
            Err(Malformed),
            "a number where an object belongs"
        );
    }

    #[test]
    fn only_objects_are_objects() {
        for text in ["[]", "null", "\"x\"", "3", "true"] {
            assert!(Json::parse(text).unwrap().object().is_err(), "{text}");
        }
        assert!(Json::parse("{}").unwrap().object().is_ok());
        assert!(Json::parse("{").is_none());
        assert!(Json::parse("").is_none());
    }

    #[test]
    fn written_objects_escape_and_read_back() {
        assert_eq!(object_text(&[]), "{}");
        let awkward = "quote \" backslash \\ newline \n tab \t bell \u{7} é ✓";
        let text = object_text(&[("key", "whsec_abc"), ("note", awkward)]);
        assert_eq!(&text[..36], r#"{"key":"whsec_abc","note":"quote \" "#);
        let value = Json::parse(&text).unwrap();
        assert_eq!(value.text_field("key"), Ok("whsec_abc".to_owned()));
        assert_eq!(value.text_field("note"), Ok(awkward.to_owned()));
    }

    #[test]
    fn flags_and_lists_are_written_as_json() {
        let names = ["v1.a".to_owned(), "v1.\"b\"".to_owned()];
        let text = object_text_of(&[
            ("on", Written::Flag(true)),
            ("off", Written::Flag(false)),
            ("names", Written::Texts(&names)),
            ("none", Written::Texts(&[])),
        ]);
        assert_eq!(
            text,
            r#"{"on":true,"off":false,"names":["v1.a","v1.\"b\""],"none":[]}"#
        );
        let value = Json::parse(&text).unwrap();
        assert_eq!(value.flag_field("on"), Ok(true));
        assert_eq!(value.list_field("names", Json::text), Ok(names.to_vec()));
    }
}
