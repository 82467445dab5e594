//! Trace-level logging of message bodies with secrets taken out.

/// Logs `body` at trace level with every occurrence of `secret` and the content of every
/// `sessionId` element replaced by `***`. Costs nothing unless trace is enabled.
pub(crate) fn trace_body(what: &str, op: &str, body: &[u8], secret: &str) {
    if tracing::enabled!(tracing::Level::TRACE) {
        let text = redact(&String::from_utf8_lossy(body), secret);
        tracing::trace!(op, body = %text, "SOAP {what}");
    }
}

/// `text` with `secret` (when non-empty) and `sessionId` element contents replaced.
pub(crate) fn redact(text: &str, secret: &str) -> String {
    let mut out = if secret.is_empty() {
        text.to_owned()
    } else {
        text.replace(secret, "***")
    };
    let mut from = 0;
    while let Some(i) = out[from..].find("sessionId") {
        let at = from + i;
        from = at + "sessionId".len();
        let before = out[..at].chars().next_back();
        if !matches!(before, Some('<' | ':')) || out[..at].ends_with("</") {
            continue;
        }
        let Some(gt) = out[from..].find('>') else {
            break;
        };
        let content_start = from + gt + 1;
        if out[..content_start].ends_with("/>") {
            continue;
        }
        let Some(lt) = out[content_start..].find('<') else {
            break;
        };
        out.replace_range(content_start..content_start + lt, "***");
        from = content_start + 3;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn secrets_and_session_ids_are_removed() {
        let xml = "<h:SessionHeader><h:sessionId>00D!abc&amp;x</h:sessionId></h:SessionHeader>\
                   <sessionId xmlns=\"u\">SECOND</sessionId><sessionId/><p>tok-1 tok-1</p>";
        let out = redact(xml, "tok-1");
        assert!(
            !out.contains("00D!abc") && !out.contains("SECOND") && !out.contains("tok-1"),
            "{out}"
        );
        assert!(out.contains("<h:sessionId>***</h:sessionId>"), "{out}");
        assert!(out.contains("<sessionId/>"), "{out}");
        assert_eq!(redact("plain", ""), "plain");
    }
}
