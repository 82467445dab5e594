//! Schema documentation -> rustdoc lines that render as the text and never warn.
//!
//! What rustdoc would otherwise misread: `[..]` (broken intra-doc links), `<..>` (HTML tags),
//! bare URLs, indented lines and fences (code blocks that `cargo test` would compile as
//! doctests), backticks.

/// The lines of a `///` comment (each with its leading space) for `text`.
pub fn rustdoc_lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
            continue;
        }
        out.push(format!(" {}", escape_line(line)));
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while let Some(start) = find_url(rest) {
        escape_text(&rest[..start], &mut out);
        let len = url_len(&rest[start..]);
        // An autolink: rendered as a link, and `rustdoc::bare_urls` stays quiet.
        out.push('<');
        out.push_str(&rest[start..start + len]);
        out.push('>');
        rest = &rest[start + len..];
    }
    escape_text(rest, &mut out);
    out
}

fn find_url(s: &str) -> Option<usize> {
    let http = s.find("http://");
    let https = s.find("https://");
    match (http, https) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Length of the URL at the start of `s`: up to whitespace or a delimiter, without
/// trailing sentence punctuation.
fn url_len(s: &str) -> usize {
    let end = s
        .find(|c: char| c.is_whitespace() || "<>\"'`()[]{}|\\^".contains(c))
        .unwrap_or(s.len());
    s[..end]
        .trim_end_matches(['.', ',', ';', ':', '!', '?'])
        .len()
}

fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '[' | ']' | '`' | '~' | '\\' | '*' | '_' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_and_html() {
        assert_eq!(
            rustdoc_lines("Use <b>[x]</b> `code`"),
            vec![" Use &lt;b&gt;\\[x\\]&lt;/b&gt; \\`code\\`"]
        );
    }

    #[test]
    fn wraps_bare_urls() {
        assert_eq!(
            rustdoc_lines("See https://example.com/a_b. Or http://x.org"),
            vec![" See <https://example.com/a_b>. Or <http://x.org>"]
        );
    }

    #[test]
    fn trims_indentation_and_blank_runs() {
        assert_eq!(
            rustdoc_lines("\n    first\n\n\n      ```rust\n    second\n\n"),
            vec![" first", "", " \\`\\`\\`rust", " second"]
        );
    }
}
