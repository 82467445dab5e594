//! `xsd:list` values: items separated by XML whitespace. Generated list types are
//! `pub struct X(pub Vec<Item>)` whose `rt::Simple` impl calls [`parse_list`] and
//! [`write_list`], so the splitting and joining live here once.

use super::error::{EncodeError, EncodeErrorKind, ParseError, WriteResult};
use super::traits::Simple;
use super::writer::TextSink;

/// XML whitespace: the only item separators of an `xsd:list`.
fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Parses a list's text: items split on XML whitespace (runs of it, leading and trailing
/// ignored). An item that does not parse is an error naming its position (0-based).
pub fn parse_list<T: Simple>(text: &str) -> Result<Vec<T>, ParseError> {
    text.split(is_xml_space)
        .filter(|item| !item.is_empty())
        .enumerate()
        .map(|(i, item)| T::parse_text(item).map_err(|e| e.at_item(i)))
        .collect()
}

/// Writes `items` separated by single spaces. An item whose text is empty or holds
/// whitespace would not read back as one item: that is an error, never silently split.
pub fn write_list<T: Simple>(items: &[T], out: &mut TextSink) -> WriteResult {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_safe(" ");
        }
        let start = out.out.len();
        item.write_text(out)?;
        let written = &out.out[start..];
        if written.is_empty() || splits(written) {
            return Err(EncodeError::new(EncodeErrorKind::InvalidValue(
                "list item (empty or containing whitespace)",
            )));
        }
    }
    Ok(())
}

/// True when escaped item text holds whitespace (raw, or as a character reference).
fn splits(written: &[u8]) -> bool {
    const REFS: [&[u8]; 3] = [b"&#x9;", b"&#xA;", b"&#xD;"];
    written
        .iter()
        .any(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        || REFS
            .iter()
            .any(|r| written.windows(r.len()).any(|w| w == *r))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text<T: Simple>(items: &[T]) -> Result<String, EncodeError> {
        let mut sink = TextSink::default();
        write_list(items, &mut sink)?;
        Ok(String::from_utf8(sink.out).expect("utf-8"))
    }

    #[test]
    fn splits_on_any_xml_whitespace_and_joins_with_one_space() {
        let v: Vec<i32> = parse_list(" 1\t2\n\r 3  ").expect("parses");
        assert_eq!(v, [1, 2, 3]);
        assert_eq!(text(&v).expect("writes"), "1 2 3");
        assert_eq!(parse_list::<i32>("  ").expect("empty"), Vec::<i32>::new());
        assert_eq!(text::<i32>(&[]).expect("empty"), "");
    }

    #[test]
    fn a_bad_item_names_its_position_and_type() {
        let e = parse_list::<i32>("1 2 x 4").expect_err("x is no int");
        assert_eq!(e.expected(), "int");
        assert_eq!(e.item(), Some(2));
    }

    #[test]
    fn items_that_would_split_are_refused() {
        assert!(text(&["a b".to_owned()]).is_err());
        assert!(text(&[String::new()]).is_err());
        let mut sink = TextSink {
            attr: true,
            ..TextSink::default()
        };
        assert!(write_list(&["a\tb".to_owned()], &mut sink).is_err());
        assert_eq!(
            text(&["a".to_owned(), "b&c".to_owned()]).expect("ok"),
            "a b&amp;c"
        );
    }
}
